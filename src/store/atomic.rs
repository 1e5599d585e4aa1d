//! Atomic writes: a file is replaced whole or not at all, readable by its
//! owner only, with the previous version kept as a backup where asked.
//!
//! The rules, each tested:
//! - The new bytes go to a fresh temporary file in the target's folder,
//!   created exclusively under a name no other process or earlier run can
//!   hold (process id, a counter and the clock); it is synced, then renamed
//!   over the target, and the folder is synced. A failure leaves the target
//!   as it was and removes only the temporary file this write created.
//! - A target that is a symbolic link is written through: its resolved file
//!   is replaced, so the link stays a link (what editors do).
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

/// The file a path stands for: a symbolic link resolved (its target may not
/// exist yet), anything else as it is.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::read_link(path)?;
            Ok(match path.parent() {
                Some(folder) if target.is_relative() => folder.join(target),
                _ => target,
            })
        }
        _ => Ok(path.to_owned()),
    }
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
