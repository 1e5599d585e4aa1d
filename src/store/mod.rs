//! The store: the only code that touches the file system. Plan files
//! (RON, atomic saves with a backup, owner-only), the autosave, return
//! history files, exports, and the folders they live in.

pub mod atomic;
pub mod autosave;
pub mod history_file;
pub mod plan_file;

use std::path::{Path, PathBuf};

pub use atomic::{WriteError, create_private_folder, write_atomically, write_bytes_atomically};
pub use autosave::{Autosave, Recovery};
pub use plan_file::{
    EXAMPLES, PlanFileError, SaveError, absolutize_history, example_names, open_plan,
    open_plan_and_bytes, parse_plan, plan_to_ron, read_plan, relativize_history, save_plan,
};

/// The folder plans are saved in by default: Glidepath in the user's
/// documents folder (created on first save).
pub fn default_plan_folder() -> Option<PathBuf> {
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(|p| p.join("Glidepath")))
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().join("Glidepath")))
}

/// The largest plan file read: real plans are a few kB.
pub const MAX_PLAN_BYTES: u64 = 1 << 20;
/// The largest return history read: 150 years of daily rows would fit.
pub const MAX_HISTORY_BYTES: u64 = 16 << 20;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The system refused (missing, no permission).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A folder, a device or a pipe: only regular files are read.
    #[error("it is not a regular file")]
    NotAFile,
    /// Larger than any real file of its kind.
    #[error("it is larger than {} MiB, more than any file of this kind should be", .0 >> 20)]
    TooLarge(u64),
}

/// Reads a regular file of at most `cap` bytes: never a device, a pipe or
/// a folder, never without bound. The file is opened without blocking (a
/// pipe with no writer would block an ordinary open forever) and checked
/// on the open handle (`fstat`), so what is read is what was checked.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = open_for_reading(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge(cap));
    }
    // The file may grow while it is read: read one byte past the cap to know.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(bytes)
}

/// Opens `path` for reading without waiting on it: `O_NONBLOCK` where
/// the system has it (a regular file reads as ever; a pipe or a device
/// answers at once and is refused by the caller's check).
fn open_for_reading(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The path with every link and `..` resolved, or as given when it cannot be.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// Whether two paths name one file (links and `..` resolved; a file that
/// does not exist yet is compared by its resolved folder and name).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| -> PathBuf {
        if let Ok(real) = std::fs::canonicalize(p) {
            return real;
        }
        match (p.parent(), p.file_name()) {
            (Some(folder), Some(name)) => {
                let folder = if folder.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    folder
                };
                canonical(folder).join(name)
            }
            _ => p.to_owned(),
        }
    };
    resolve(a) == resolve(b)
}

/// Whether `path` is an existing regular file (links followed).
pub fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// Creates `folder` and its parents if they are missing, owner-only.
pub fn ensure_folder(folder: &Path) -> std::io::Result<()> {
    create_private_folder(folder)
}

/// Makes the app's data folder its owner's alone: from now on every file
/// and folder this process creates is owner-only (umask 077: the
/// preferences eframe writes there, `app.ron`, included), and the folder
/// and the files already in it (from an older version) are set so.
pub fn keep_data_private(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        // SAFETY: umask only sets the process's file-mode mask; it cannot fail.
        #[allow(unsafe_code)]
        unsafe {
            libc::umask(0o077);
        }
    }
    make_private(folder)
}

/// Creates `folder` owner-only, or makes it so with the files in it.
fn make_private(folder: &Path) -> std::io::Result<()> {
    create_private_folder(folder)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))?;
        for entry in std::fs::read_dir(folder)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    Ok(())
}

/// When the file at `path` was last modified, if that can be known.
pub fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_folder_is_refused_at_once() {
        let dir = std::env::temp_dir().join(format!("glidepath-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("plan.ron");
        std::fs::remove_file(&fifo).ok();
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // No writer: an ordinary open would wait forever.
            assert!(matches!(read_capped(&fifo, 1024), Err(ReadError::NotAFile)));
        }
        assert!(matches!(
            read_capped(&dir, 1024),
            Err(ReadError::NotAFile) | Err(ReadError::Io(_))
        ));
        let file = dir.join("small.ron");
        std::fs::write(&file, "(version: 3)").unwrap();
        assert_eq!(read_capped(&file, 1024).unwrap(), b"(version: 3)");
        assert!(matches!(read_capped(&file, 4), Err(ReadError::TooLarge(4))));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn a_data_folder_of_an_older_version_is_made_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("glidepath-private-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let file = dir.join("app.ron");
        std::fs::write(&file, "()").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        make_private(&dir).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&file), 0o600);
        std::fs::remove_dir_all(&dir).ok();
    }
}
