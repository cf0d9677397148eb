"""Drives headless Chromium for tests/cli/serve.rs, one command per line on stdin (a JSON
object), one JSON line answered on stdout for each:

  {"do": "open", "url": U, "width": W}   load U in a window W px wide
  {"do": "eval", "js": J}                the value of J (a function body that returns it)
  {"do": "wait", "js": J, "timeout": S}  run J every 10 ms until it returns a value that
                                         is not null; answers {"value": V, "at": T}, T the
                                         wall-clock time it was first seen (time.time()),
                                         or {"timeout": true}

Usage: python3 drive.py CHROMIUM CHROMEDRIVER. The host name rebound.example leads to
127.0.0.1, as a DNS rebinding attack would make it.
"""

import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def main():
    chromium, chromedriver = sys.argv[1:3]
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--host-resolver-rules=MAP rebound.example 127.0.0.1",
                     "--no-proxy-server"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    try:
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                break
            command = json.loads(line)
            print(json.dumps(run(driver, command), ensure_ascii=False), flush=True)
    finally:
        driver.quit()


def run(driver, command):
    what = command["do"]
    if what == "open":
        metrics = {"width": command["width"], "height": 900, "deviceScaleFactor": 1,
                   "mobile": False}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        driver.get(command["url"])
        return {}
    if what == "eval":
        return {"value": driver.execute_script(command["js"])}
    if what == "wait":
        deadline = time.time() + command["timeout"]
        while time.time() < deadline:
            try:
                value = driver.execute_script(command["js"])
            except Exception:
                # The page is being replaced: ask the new one.
                value = None
            if value is not None:
                return {"value": value, "at": time.time()}
            time.sleep(0.01)
        return {"timeout": True}
    raise ValueError(what)


main()
