//! The text of a PDF report, extracted by `pdftotext` (poppler-utils) with
//! `-layout`, which keeps the columns of the report's tables side by side
//! (so that strengths and improvements can be told apart) and each table row
//! on one line. The README says why this tool and not a Rust crate.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::problem::ImportError;

/// The program, overridable for machines where it lives elsewhere.
const PROGRAM_ENV: &str = "KOMPASS_PDFTOTEXT";
const PROGRAM: &str = "pdftotext";

/// Whether the bytes are a PDF ("%PDF-" within the first kilobyte, as readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

fn program() -> String {
    std::env::var(PROGRAM_ENV).unwrap_or_else(|_| PROGRAM.to_string())
}

/// Runs `pdftotext -layout -enc UTF-8 - -` on the bytes.
pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    let program = program();
    let fail = |message: String| ImportError::one(path, None, "pdf", message);
    let mut child = Command::new(&program)
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                fail(format!(
                    "reading a PDF needs `{program}` from poppler-utils, which is not installed \
                     (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler); \
                     or give the report's text as a .txt file"
                ))
            } else {
                fail(format!("cannot run `{program}`: {e}"))
            }
        })?;
    // Writing all input before reading could deadlock on a large PDF whose
    // text fills the output pipe: write from a thread.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| fail(format!("cannot write to `{program}`")))?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .map_err(|e| fail(format!("`{program}` failed: {e}")))?;
    let written = writer.join();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(fail(format!(
            "`{program}` could not read the PDF ({}): {}",
            output.status,
            stderr.trim()
        )));
    }
    if let Ok(Err(e)) = written {
        return Err(fail(format!("cannot pass the PDF to `{program}`: {e}")));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| fail(format!("`{program}` did not give UTF-8 text")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pdf_bytes() {
        assert!(is_pdf(b"%PDF-1.4\n..."));
        assert!(is_pdf(b"\n\n%PDF-1.7"));
        assert!(!is_pdf(b"municipality = \"1881\""));
        assert!(!is_pdf(b""));
    }
}
