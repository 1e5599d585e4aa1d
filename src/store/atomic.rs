//! Atomic writes: a file is replaced whole or not at all, readable by its
//! owner only, with the previous version kept as a backup where asked.
//!
//! The rules, each tested:
//! - The new bytes go to a fresh temporary file in the target's folder,
//!   created exclusively under a name no other process or earlier run can
//!   hold (process id, a counter and the clock); it is synced, then renamed
//!   over the target, and the folder is synced. A failure leaves the target
//!   as it was and removes only the temporary file this write created.
//! - A target that is a symbolic link is written through: the whole chain
//!   of links is resolved and the file at its end is replaced, so every
//!   link stays a link (what editors do).
//! - A target that is not a regular file is never renamed over: a pipe or
//!   a character device (`/dev/null`, `/dev/stdout`, a named pipe someone
//!   reads) is written through, as a user means; anything else (a folder,
//!   a socket, a block device) is refused with a sentence.
//! - The backup (`NAME.bak`) is made the same way: the old file's bytes are
//!   copied to a fresh temporary file, synced and renamed over the backup.
//!   A backup that is a link is replaced, never written through; a backup
//!   that cannot be replaced (a folder of that name) is an error that names
//!   the backup.
//! - Files are created readable by their owner only (0600): they hold
//!   personal finances.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why an atomic write failed; the target is as it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file (or its temporary file) could not be written.
    #[error("{}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The backup of the old file could not be made.
    #[error("{}: cannot keep the backup: {source}", path.display())]
    Backup {
        /// The backup file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl WriteError {
    /// The underlying I/O error.
    pub fn io(&self) -> &io::Error {
        match self {
            WriteError::Write { source, .. } | WriteError::Backup { source, .. } => source,
        }
    }
}

/// Writes `path` atomically (see the module docs). With `keep_backup`, an
/// existing target is first kept as `NAME.bak` (so `plan.ron` keeps
/// `plan.ron.bak`).
pub fn write_atomically(
    path: &Path,
    keep_backup: bool,
    write: &mut dyn FnMut(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = resolve_link(path).map_err(|source| WriteError::Write {
        path: path.to_owned(),
        source,
    })?;
    let at = |source| WriteError::Write {
        path: target.clone(),
        source,
    };
    let name = target
        .file_name()
        .ok_or_else(|| {
            at(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the path names no file",
            ))
        })?
        .to_owned();
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if let Some(special) = special_file(&target) {
        return match special {
            Special::WriteThrough => write_through(&target, write).map_err(at),
            Special::Refused => Err(at(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is not a regular file (a folder, a socket or a device): nothing is written over it",
            ))),
        };
    }
    let staged = stage(&folder, &name.to_string_lossy(), write).map_err(at)?;
    if keep_backup && std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_file()) {
        let backup = folder.join(format!("{}.bak", name.to_string_lossy()));
        let kept = copy_to_backup(&target, &backup, &folder);
        if let Err(source) = kept {
            staged.discard();
            return Err(WriteError::Backup {
                path: backup,
                source,
            });
        }
    }
    staged.commit(&target).map_err(at)?;
    sync_folder(&folder);
    Ok(())
}

/// [`write_atomically`] for bytes already in memory, as every save here is.
pub fn write_bytes_atomically(
    path: &Path,
    keep_backup: bool,
    bytes: &[u8],
) -> Result<(), WriteError> {
    write_atomically(path, keep_backup, &mut |file| file.write_all(bytes))
}

/// The most links followed to the file a path stands for (Linux's own).
const MAX_LINKS: usize = 40;

/// The file a path stands for: every symbolic link of the chain resolved
/// (the last target may not exist yet), anything else as it is.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("more than {MAX_LINKS} links lead to it (a loop?)"),
    ))
}

/// What a target that exists and is not a regular file gets.
enum Special {
    /// A pipe or a character device: written through, never replaced.
    WriteThrough,
    /// A folder, a socket, a block device: nothing is written.
    Refused,
}

/// `None` for a regular file or a path that does not exist yet.
fn special_file(target: &Path) -> Option<Special> {
    let meta = std::fs::metadata(target).ok()?;
    if meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() || kind.is_char_device() {
            return Some(Special::WriteThrough);
        }
    }
    Some(Special::Refused)
}

/// Writes into a pipe or a device as it is: opened without waiting (a
/// pipe no one reads is an error at once, not a hang), then written in
/// the ordinary, waiting way.
fn write_through(
    target: &Path,
    write: &mut dyn FnMut(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(target).map_err(|e| {
        if e.raw_os_error() == Some(libc::ENXIO) {
            io::Error::new(e.kind(), "it is a pipe no one reads from")
        } else {
            e
        }
    })?;
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor this function owns, to clear the
        // flag it set; a failure leaves writes non-blocking, reported below.
        #[allow(unsafe_code)]
        let cleared = unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) >= 0
        };
        if !cleared {
            return Err(io::Error::last_os_error());
        }
    }
    write(&mut file).and_then(|()| file.flush())
}

/// A written and synced temporary file, not yet in place.
struct Staged {
    path: PathBuf,
}

impl Staged {
    /// Moves it over `target`.
    fn commit(self, target: &Path) -> io::Result<()> {
        let renamed = std::fs::rename(&self.path, target);
        if renamed.is_err() {
            self.discard();
        }
        renamed
    }

    /// Removes it (this write created it, so it is ours to remove). A
    /// temporary file that cannot be removed is only litter: its name is
    /// unique and it is never read.
    fn discard(self) {
        std::fs::remove_file(&self.path).ok();
    }
}

/// Writes a fresh temporary file in `folder`, synced.
fn stage(
    folder: &Path,
    name: &str,
    write: &mut dyn FnMut(&mut File) -> io::Result<()>,
) -> io::Result<Staged> {
    let (mut file, path) = create_unique(folder, name)?;
    let staged = Staged { path };
    let written = write(&mut file)
        .and_then(|()| file.flush())
        .and_then(|()| file.sync_all());
    match written {
        Ok(()) => Ok(staged),
        Err(e) => {
            drop(file);
            staged.discard();
            Err(e)
        }
    }
}

/// Creates `.NAME.tmp-PID-N-NANOS` exclusively, owner-only; another name
/// if one is taken.
fn create_unique(folder: &Path, name: &str) -> io::Result<(File, PathBuf)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut last = None;
    for _ in 0..16 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = folder.join(format!(
            ".{name}.tmp-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(file) => return Ok((file, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Copies `target` to a fresh temporary file, synced, renamed over `backup`.
fn copy_to_backup(target: &Path, backup: &Path, folder: &Path) -> io::Result<()> {
    let name = backup
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut source = File::open(target)?;
    let staged = stage(folder, &name, &mut |file| {
        io::copy(&mut source, file).map(|_| ())
    })?;
    staged.commit(backup)
}

/// Makes a rename in `folder` durable where the platform allows it. Only a
/// crash in the next instants could undo it, so a refusal is not an error.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        dir.sync_all().ok();
    }
}

/// Creates `folder` and its parents, owner-only (0700) where they are new.
pub fn create_private_folder(folder: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}
