//! Budgets on what a course makes, as `limits` bounds what it reads: the time one
//! document may take, its pages, and a stop shared by every document of a build. A tiny
//! template can multiply (nested `{{#each}}`, page breaks in a loop), so the work is
//! counted while it is done, at every loop turn of a template, every helper, every write
//! of Markdown and every page laid out, and a render over budget stops itself: no thread
//! is left spinning after its result was given up on.
//!
//! The budget of the document being rendered is kept per thread, because Handlebars
//! helpers and genpdf's page loop have no parameter to carry it.

use crate::diagnostic::Code;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::limits::{MAX_DOCUMENT_PAGES, MAX_DOCUMENT_SECONDS};

/// Why a render stopped before it was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// It took longer than this many seconds.
    Time(u64),
    /// It made more than this many pages.
    Pages(usize),
    /// Another document of the same build failed, or the build was called off.
    Stopped,
}

impl Exceeded {
    /// The problem, about the template `file` the document is made from.
    pub fn diagnostic(self, file: &std::path::Path) -> crate::diagnostic::Diagnostic {
        let hint = match self {
            Exceeded::Pages(_) => "a handout is a few pages: check for page breaks (`---`) or `{{#each}}` blocks inside each other that repeat a list many times",
            _ => "check for `{{#each}}` blocks inside each other that repeat a long list many times",
        };
        crate::diagnostic::Diagnostic::error(
            Code::TemplateError,
            file,
            format!("this template {}", self.message()),
        )
        .hint(hint)
    }

    /// What happened, as the end of "this template ...".
    pub fn message(self) -> String {
        match self {
            Exceeded::Time(seconds) => {
                format!("takes more than {seconds} seconds to fill in and lay out")
            }
            Exceeded::Pages(pages) => format!("makes more than {pages} pages for one document"),
            Exceeded::Stopped => "was stopped".to_owned(),
        }
    }
}

/// The budget of one document's render.
#[derive(Clone)]
pub struct Budget {
    deadline: Instant,
    seconds: u64,
    max_pages: usize,
    stop: Arc<AtomicBool>,
}

impl Budget {
    /// The budget of one document, sharing `stop` with the others of its build.
    pub fn new(stop: Arc<AtomicBool>) -> Budget {
        let seconds = document_seconds();
        Budget {
            deadline: Instant::now() + Duration::from_secs(seconds),
            seconds,
            max_pages: MAX_DOCUMENT_PAGES,
            stop,
        }
    }
}

struct Running {
    budget: Budget,
    pages: usize,
    exceeded: Option<Exceeded>,
}

thread_local! {
    static RUNNING: RefCell<Vec<Running>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` under `budget`; what it returns, and why it was stopped if it was.
pub fn within<T>(budget: Budget, f: impl FnOnce() -> T) -> (T, Option<Exceeded>) {
    RUNNING.with(|r| {
        r.borrow_mut().push(Running {
            budget,
            pages: 0,
            exceeded: None,
        })
    });
    // Popped even if `f` panics, so the thread's next job starts clean.
    struct Pop;
    impl Drop for Pop {
        fn drop(&mut self) {
            RUNNING.with(|r| r.borrow_mut().pop());
        }
    }
    let pop = Pop;
    let result = f();
    let exceeded = RUNNING.with(|r| r.borrow().last().and_then(|run| run.exceeded));
    drop(pop);
    (result, exceeded)
}

/// Whether the work may go on: call at every unit of work that can repeat.
pub fn check() -> Result<(), Exceeded> {
    RUNNING.with(|r| {
        let mut running = r.borrow_mut();
        let Some(run) = running.last_mut() else {
            return Ok(());
        };
        if let Some(exceeded) = run.exceeded {
            return Err(exceeded);
        }
        let exceeded = if run.budget.stop.load(Ordering::Relaxed) {
            Some(Exceeded::Stopped)
        } else if Instant::now() > run.budget.deadline {
            Some(Exceeded::Time(run.budget.seconds))
        } else {
            None
        };
        match exceeded {
            Some(e) => {
                run.exceeded = Some(e);
                Err(e)
            }
            None => Ok(()),
        }
    })
}

/// Why the render under way was stopped, if it was.
pub fn exceeded() -> Option<Exceeded> {
    RUNNING.with(|r| r.borrow().last().and_then(|run| run.exceeded))
}

/// Counts a page begun; an error once the document has more than its budget allows.
pub fn page() -> Result<(), Exceeded> {
    check()?;
    RUNNING.with(|r| {
        let mut running = r.borrow_mut();
        let Some(run) = running.last_mut() else {
            return Ok(());
        };
        run.pages += 1;
        if run.pages > run.budget.max_pages {
            let e = Exceeded::Pages(run.budget.max_pages);
            run.exceeded = Some(e);
            return Err(e);
        }
        Ok(())
    })
}

/// Pages begun so far in this render, over every pass of it.
pub fn pages_begun() -> usize {
    RUNNING.with(|r| r.borrow().last().map_or(0, |run| run.pages))
}

/// Starts the page count of a document again, for a second pass over the same pages.
pub fn restart_pages() {
    RUNNING.with(|r| {
        if let Some(run) = r.borrow_mut().last_mut() {
            run.pages = 0;
        }
    });
}

/// [`MAX_DOCUMENT_SECONDS`], or `COURSE_TEMPLATE_SECONDS` from the environment (for tests,
/// which cannot wait half a minute, and for very slow machines).
pub fn document_seconds() -> u64 {
    std::env::var(crate::limits::TEMPLATE_SECONDS_VARIABLE)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(MAX_DOCUMENT_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_stops_at_its_page_budget_and_when_told() {
        let stop = Arc::new(AtomicBool::new(false));
        let (pages, exceeded) = within(Budget::new(stop.clone()), || {
            (0..MAX_DOCUMENT_PAGES + 10)
                .take_while(|_| page().is_ok())
                .count()
        });
        assert_eq!(pages, MAX_DOCUMENT_PAGES);
        assert_eq!(exceeded, Some(Exceeded::Pages(MAX_DOCUMENT_PAGES)));
        stop.store(true, Ordering::Relaxed);
        let ((), exceeded) = within(Budget::new(stop), || assert!(check().is_err()));
        assert_eq!(exceeded, Some(Exceeded::Stopped));
        // Outside a render nothing is counted.
        assert!(check().is_ok());
    }
}
