#!/usr/bin/env python3
"""Takes the README's screenshots with headless Chromium, driven through chromedriver's W3C WebDriver
HTTP API (no Selenium install needed).   shoot.py <assent base url> <admin email> <admin password> <out dir>
"""
import base64, json, os, subprocess, sys, tempfile, time, urllib.request, socket

BASE, EMAIL, PASSWORD, OUT = sys.argv[1:5]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
DRIVER = subprocess.Popen([CHROMEDRIVER, f"--port={PORT}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
WD = f"http://127.0.0.1:{PORT}"
for _ in range(300):  # chromedriver needs a moment on a busy machine
    try:
        urllib.request.urlopen(WD + "/status", timeout=5).read()
        break
    except OSError:
        time.sleep(0.2)


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(WD + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"{}").get("value")


OPEN = []  # sessions not yet deleted: a failing run still closes its browsers


def session(language, width, height, mobile=False):
    profile = tempfile.mkdtemp(prefix="assent-shots-")
    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            "--no-first-run", "--no-proxy-server", "--disable-background-networking", f"--user-data-dir={profile}",
            f"--lang={language}"]
    opts = {"binary": CHROMIUM, "args": args, "prefs": {"intl.accept_languages": language}}
    if mobile:
        opts["mobileEmulation"] = {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1},
                                   "userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile"}
    else:
        args.append(f"--window-size={width},{height}")
    s = call("POST", "/session", {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": opts}}})
    sid = s["sessionId"]
    OPEN.append(sid)
    if not mobile:
        # the window's outer size includes no browser chrome in headless mode; make the viewport exact
        call("POST", f"/session/{sid}/window/rect", {"width": width, "height": height})
        inner = call("POST", f"/session/{sid}/execute/sync", {"script": "return [window.innerWidth, window.innerHeight]", "args": []})
        call("POST", f"/session/{sid}/window/rect", {"width": 2 * width - inner[0], "height": 2 * height - inner[1]})
    return sid


def go(sid, path):
    call("POST", f"/session/{sid}/url", {"url": BASE + path})
    time.sleep(0.3)  # fonts and the htmx script settle; the pages need no JavaScript to render


def find(sid, css):
    el = call("POST", f"/session/{sid}/element", {"using": "css selector", "value": css})
    return list(el.values())[0]


def shot(sid, name):
    png = base64.b64decode(call("GET", f"/session/{sid}/screenshot"))
    path = os.path.join(OUT, name + ".png")
    with open(path, "wb") as f:
        f.write(png)
    print(f"{path}: {len(png) // 1024} KB", flush=True)


try:
    for language in ("en", "ar"):
        for label, w, h, mobile in (("phone", 390, 844, True), ("desktop", 1280, 800, False)):
            sid = session(language, w, h, mobile)
            go(sid, "/acme/michael")
            shot(sid, f"consent-page-{language}-{label}")
            call("DELETE", f"/session/{sid}")

    # Three participants decide on Michael's page (one opts out), so calls and the report have figures.
    for pick in ("first", "last", "first"):
        sid = session("en", 1280, 800)
        go(sid, "/acme/michael")
        buttons = call("POST", f"/session/{sid}/elements", {"using": "css selector", "value": "button[name=choice]"})
        if buttons:
            button = list((buttons[0] if pick == "first" else buttons[-1]).values())[0]
            try:
                call("POST", f"/session/{sid}/element/{button}/click", {})
            except Exception:
                pass  # the 303 leads to the meeting provider, which is not reachable from here
        call("DELETE", f"/session/{sid}")

    sid = session("en", 1280, 800)
    go(sid, "/login")
    call("POST", f"/session/{sid}/element/{find(sid, '#username')}/value", {"text": EMAIL})
    call("POST", f"/session/{sid}/element/{find(sid, '#password')}/value", {"text": PASSWORD})
    call("POST", f"/session/{sid}/element/{find(sid, 'form button[type=submit]')}/click", {})
    time.sleep(1)
    for path, name in (("/admin", "admin-dashboard"), ("/admin/members", "admin-members"),
                       ("/admin/profiles", "admin-profiles"),
                       ("/admin/reports?groupBy=team&period=week", "admin-opt-out-rate")):
        go(sid, path)
        shot(sid, name)
    go(sid, "/admin/calls")
    call_link = find(sid, "main table tbody a[href^='/admin/calls/']")
    href = call("GET", f"/session/{sid}/element/{call_link}/attribute/href")
    call("POST", f"/session/{sid}/url", {"url": href if href.startswith("http") else BASE + href})
    time.sleep(0.3)
    shot(sid, "admin-call")
    call("DELETE", f"/session/{sid}")
finally:
    for sid in OPEN:
        try:
            call("DELETE", f"/session/{sid}")
        except Exception:
            pass
    DRIVER.terminate()
    DRIVER.wait(10)
