//! Atomic writes: a file is replaced whole or not at all, readable by its
//! owner only, with the previous version kept as a backup where asked.

use std::path::{Path, PathBuf};

/// Writes `path` atomically: the bytes go to a temporary file in the same
/// folder, which is flushed and synced, then renamed over the target. With
/// `keep_backup`, an existing target is first copied to `NAME.bak` (so
/// `plan.ron` keeps `plan.ron.bak`). Files are readable by their owner
/// only: they hold personal finances. On any failure the target is
/// untouched and the temporary file removed.
pub fn write_atomically(
    path: &Path,
    keep_backup: bool,
    write: &mut dyn FnMut(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file")
    })?;
    let temporary = folder.join(format!(
        ".{}.tmp{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&temporary)?;
        write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.is_file() {
            let backup = folder.join(format!("{}.bak", name.to_string_lossy()));
            std::fs::copy(path, &backup)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o600))?;
            }
        }
        std::fs::rename(&temporary, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(dir) = std::fs::File::open(&folder) {
            dir.sync_all().ok();
        }
        Ok(())
    })();
    if result.is_err() {
        std::fs::remove_file(&temporary).ok();
    }
    result
}

/// [`write_atomically`] for bytes already in memory, as every save here is.
pub fn write_bytes_atomically(path: &Path, keep_backup: bool, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically(path, keep_backup, &mut |file| {
        use std::io::Write;
        file.write_all(bytes)
    })
}
