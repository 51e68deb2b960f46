"use strict";
// Swagger UI has no translations: its own words (buttons, headings) are put into Chinese as
// they are drawn. Only whole texts from this table change; the schema's text is already Chinese.
(function () {
  const WORDS = {
    "Try it out": "试一试",
    "Execute": "执行",
    "Cancel": "取消",
    "Clear": "清除",
    "Reset": "重置",
    "Authorize": "授权",
    "Logout": "退出",
    "Close": "关闭",
    "Available authorizations": "可用的认证方式",
    "Parameters": "参数",
    "No parameters": "无参数",
    "Name": "名称",
    "Description": "说明",
    "Request body": "请求内容",
    "Responses": "响应",
    "Code": "状态码",
    "Links": "链接",
    "No links": "无链接",
    "Media type": "媒体类型",
    "Example Value": "示例值",
    "Schema": "结构",
    "Schemas": "数据结构",
    "Controls Accept header.": "决定请求头 Accept。",
    "Server response": "服务器响应",
    "Response body": "响应内容",
    "Response headers": "响应头",
    "Request URL": "请求地址",
    "Details": "详情",
    "Download": "下载",
    "Send empty value": "发送空值",
    "required": "必填",
  };
  const PLACEHOLDERS = { "Filter by tag": "按分组筛选" };

  function translateText(node) {
    const text = node.nodeValue.trim();
    if (Object.prototype.hasOwnProperty.call(WORDS, text)) {
      node.nodeValue = node.nodeValue.replace(text, WORDS[text]);
    }
  }

  function translate(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      translateText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) translateText(node);
    root.querySelectorAll("input[placeholder]").forEach((input) => {
      const words = PLACEHOLDERS[input.getAttribute("placeholder")];
      if (words) input.setAttribute("placeholder", words);
    });
  }

  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === "characterData") translateText(mutation.target);
      mutation.addedNodes.forEach(translate);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  translate(document.body);
})();
