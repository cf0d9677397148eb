//! The script the preview adds to each page it serves (never to the built files), and
//! the page it serves for a document not in the build.
//!
//! The script listens for builds. A build after the one the page was served from
//! reloads the page, which scrolls back to where the reader was; a build that stopped
//! shows its messages over the page (as text: nothing in them becomes markup) until a
//! build succeeds again.

/// The script, for a page served after build `build`, allowed by `nonce`.
pub fn tag(nonce: &str, build: u64) -> String {
    format!("<script nonce=\"{nonce}\">\nconst courseServedAfter = {build};\n{SCRIPT}</script>\n")
}

const SCRIPT: &str = r#"(() => {
  const key = "course-preview-scroll " + location.pathname;
  const kept = sessionStorage.getItem(key);
  if (kept !== null) {
    sessionStorage.removeItem(key);
    const [x, y] = JSON.parse(kept);
    window.scrollTo(x, y);
  }
  let overlay = null;
  const show = (problems) => {
    if (overlay === null) {
      overlay = document.createElement("div");
      overlay.id = "course-problems";
      overlay.setAttribute("role", "alert");
      overlay.lang = "en";
      overlay.dir = "ltr";
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(255,250,240,0.97);color:#222;padding:1rem;text-align:left";
      const title = document.createElement("p");
      title.style.cssText = "font:bold 1.1rem/1.4 sans-serif;margin:0 0 1rem;color:#a00";
      title.textContent = "The course has problems. Fix them and save: the page comes back.";
      const text = document.createElement("pre");
      text.style.cssText = "font:0.85rem/1.4 monospace;white-space:pre-wrap;margin:0";
      overlay.append(title, text);
      document.body.append(overlay);
    }
    overlay.lastChild.textContent = problems;
  };
  const events = new EventSource("/_course/events");
  events.onmessage = (event) => {
    const build = JSON.parse(event.data);
    if (build.problems !== null) {
      show(build.problems);
    } else if (build.build !== courseServedAfter) {
      events.close();
      sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
      location.reload();
    } else if (overlay !== null) {
      overlay.remove();
      overlay = null;
    }
  };
})();
"#;

/// The page for a name that is no document of the last good build (or for any name,
/// when no build has succeeded yet): it says so, links the index, and comes back with
/// the next build.
pub fn not_found(nonce: &str, build: u64, built: bool) -> String {
    let (title, text) = if built {
        (
            "Not in the course",
            "This is no document of the course's last build. The <a href=\"/\">index</a> lists them all.",
        )
    } else {
        (
            "Not built yet",
            "The course has not been built yet. This page shows it once it is.",
        )
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main>\n\
         {}</body></html>\n",
        tag(nonce, build)
    )
}
