"""What a page may not carry under the site's Content-Security-Policy: inline script (a <script>
without src, an on*= handler, a javascript: link) or inline style (<style>, style=)."""

from html.parser import HTMLParser


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): value or "" for name, value in attrs}
        where = f"<{tag} {' '.join(sorted(names))}>"
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append(f"inline script {where}")
        if tag == "style":
            self.found.append(f"style element {where}")
        for name, value in names.items():
            if name.startswith("on"):
                self.found.append(f"event handler {name} on {where}")
            if name == "style":
                self.found.append(f"style attribute on {where}")
            if name in ("href", "src", "action") and value.strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"javascript: URL on {where}")


def inline_code(html: str) -> list[str]:
    """Every inline script or style on the page; a json_script element (never executed) is
    data, not script."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found
