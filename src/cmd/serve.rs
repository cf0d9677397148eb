//! `course serve`: the course's pages and PDFs in the browser, built again on every save
//! as `course watch` builds them, the open page reloading itself (see [`crate::serve`]).

use crate::error::Error;

use super::build;
use super::watch;
use crate::cli::MessageFormat;

pub struct Options {
    /// The watch's build: the pages and PDFs, into the output folder.
    pub build: build::Options,
    /// The port to listen on; a free one when none is given.
    pub port: Option<u16>,
    /// Open the index in the browser once built.
    pub open: bool,
}

pub fn run(options: &Options) -> Result<(), Error> {
    let output = build::output_folder(&options.build)?;
    let preview = crate::serve::Preview::start(options.port, output.path.clone())
        .map_err(|e| cannot_listen(options.port, &e))?;
    let address = preview.address();
    match options.build.format {
        MessageFormat::Human => println!(
            "Previewing {} at {address} (the pages and PDFs in {}).",
            watch::course_name(&options.build.dir),
            output.shown.display()
        ),
        MessageFormat::Json => {
            println!(
                "{}",
                serde_json::json!({ "type": "preview", "address": address })
            )
        }
        MessageFormat::Short => println!("course: previewing at {address}"),
    }
    let mut to_open = options.open;
    watch::watch(&options.build, &mut |built| {
        preview.show(built.documents, built.problems);
        if std::mem::take(&mut to_open) {
            if let Err(e) = opener::open_browser(&address) {
                eprintln!("warning: could not open {address} in a browser: {e}");
            }
        }
    })?;
    println!("Stopped the preview.");
    Ok(())
}

fn cannot_listen(port: Option<u16>, e: &std::io::Error) -> Error {
    let hint = "choose another with `--port`, or leave `--port` out to use a free one";
    match (port, e.kind()) {
        (Some(port), std::io::ErrorKind::AddrInUse) => Error::usage(
            &format!("port {port} is already in use by another program on this computer"),
            hint,
        ),
        (Some(port), _) => Error::usage(
            &format!(
                "cannot listen on port {port}: {}",
                crate::util::io_reason(e)
            ),
            hint,
        ),
        (None, _) => Error::failed(
            &format!(
                "cannot listen for the browser on this computer: {}",
                crate::util::io_reason(e)
            ),
            "check that the loopback network (127.0.0.1) is up, or run `course watch` instead",
        ),
    }
}
