#!/usr/bin/env bash
# Debian packages the test suite drives: PostgreSQL (second database run), redis-server (the
# background jobs' Celery broker, started throwaway by tests/jobs), Chromium (browser
# tests), CJK fonts (screenshots and PDFs; the report's open stand-ins for 仿宋/楷体/黑体/小标宋,
# mapped in src/fazhi/reports/fonts/fonts.conf), LibreOffice Writer without a GUI (annual report
# .docx -> PDF) and poppler-utils (pdftoppm: the PDF pages as images). Idempotent; needs root
# (CI runs as root).
set -euo pipefail
packages=(
  postgresql redis-server chromium fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai
  libreoffice-writer-nogui poppler-utils
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages present: ${packages[*]}"
  exit 0
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
