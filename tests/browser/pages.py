"""Loads HTML pages in headless Chromium at given window widths and says, as one JSON
line per page and width, how wide the page is against the window, which elements stick
out of it or scroll sideways inside it, and the headings and text a reader sees.

Used by tests/cli/html.rs: python3 pages.py CHROMIUM CHROMEDRIVER WIDTHS SHOTS PAGE...
WIDTHS is a comma-separated list such as 360,1280; SHOTS a folder for full-page
screenshots (NAME-WIDTH.png), or "-" for none.
"""

import base64
import json
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

MEASURE = """
const wide = [];
for (const el of document.body.querySelectorAll('*')) {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const scrolls = ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
  if (box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1 || scrolls)) {
    wide.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  }
}
return {
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  wide: wide,
  headings: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => [h.tagName.toLowerCase(), h.innerText]),
  text: document.body.innerText,
  lang: document.documentElement.lang,
  dir: getComputedStyle(document.documentElement).direction,
};
"""


def main():
    chromium, chromedriver, widths, shots, *pages = sys.argv[1:]
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--hide-scrollbars"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    try:
        for page in pages:
            path = pathlib.Path(page).resolve()
            for width in [int(w) for w in widths.split(",")]:
                metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
                driver.get(path.as_uri())
                seen = driver.execute_script(MEASURE)
                seen.update(page=path.name, width=width)
                print(json.dumps(seen, ensure_ascii=False), flush=True)
                if shots != "-":
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    metrics["height"] = min(int(height), 12000)
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
                    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
                    name = f"{path.stem}-{width}.png"
                    (pathlib.Path(shots) / name).write_bytes(base64.b64decode(shot["data"]))
    finally:
        driver.quit()


main()
