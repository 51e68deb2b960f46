// Draws the dashboard charts from the JSON the page carries (id "dashboard-charts"); each data
// item holds the URL of its records, opened on click. Needs echarts.min.js loaded before it.
(function () {
  "use strict";
  var source = document.getElementById("dashboard-charts");
  if (!source || typeof echarts === "undefined") {
    return;
  }
  var charts = JSON.parse(source.textContent);
  var drawn = [];
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var spec = charts[element.dataset.chart];
    if (!spec) {
      return;
    }
    // A chart may ask for its height (the county heat map grows with the townships); set
    // through the CSSOM, which the Content-Security-Policy allows, unlike a style attribute.
    if (spec.height) {
      element.style.height = spec.height + "px";
    }
    // SVG keeps the chart sharp when printed and lets tests find its elements.
    var chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption(spec.option);
    chart.on("click", function (params) {
      if (params.data && params.data.url) {
        window.location.href = params.data.url;
      }
    });
    element.dataset.rendered = "true";
    drawn.push(chart);
  });
  window.addEventListener("resize", function () {
    drawn.forEach(function (chart) {
      chart.resize();
    });
  });
})();
