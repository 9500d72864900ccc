//! Checking loose objects before libgit2 reads them. libgit2 1.9 loops forever on a truncated
//! loose object (its inflate loop retries `Z_BUF_ERROR` without progress), and an interrupted
//! fetch or a full disk leaves exactly that; so every object read through [`super::git`] is
//! first inflated here when it is stored loose. Packed objects are not affected.

use std::{
    io,
    path::{Path, PathBuf},
};

use git2::Oid;

/// Where loose objects live: the repository's object directory and any alternates added for
/// submodules.
#[derive(Debug, Clone, Default)]
pub struct LooseObjects {
    dirs: Vec<PathBuf>,
}

impl LooseObjects {
    pub fn new(objects_dir: PathBuf) -> Self {
        Self { dirs: vec![objects_dir] }
    }

    pub fn add(&mut self, objects_dir: PathBuf) {
        self.dirs.push(objects_dir);
    }

    /// Fails when `oid` is stored loose and its zlib stream is truncated or corrupt.
    pub fn check(&self, oid: Oid) -> Result<(), String> {
        let hex = oid.to_string();
        for dir in &self.dirs {
            let file = dir.join(&hex[..2]).join(&hex[2..]);
            match inflates(&file) {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(error) => return Err(format!("object {oid} ({}) is corrupt: {error}", file.display())),
            }
        }
        Ok(())
    }
}

/// `Ok(false)` when there is no such file; `Ok(true)` when it inflates to its end.
fn inflates(file: &Path) -> io::Result<bool> {
    let compressed = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(error),
    };
    let invalid = |message: &str| io::Error::new(io::ErrorKind::InvalidData, message.to_owned());
    let mut inflater = flate2::Decompress::new(true);
    let mut scratch = vec![0u8; 64 * 1024];
    loop {
        let (read, written) = (inflater.total_in(), inflater.total_out());
        let rest = &compressed[read as usize..];
        let status = inflater
            .decompress(rest, &mut scratch, flate2::FlushDecompress::None)
            .map_err(|e| invalid(&e.to_string()))?;
        if status == flate2::Status::StreamEnd {
            break;
        }
        if inflater.total_in() == read && inflater.total_out() == written {
            return Err(invalid("the compressed data is truncated"));
        }
    }
    if inflater.total_in() != compressed.len() as u64 {
        return Err(invalid("trailing bytes after the compressed data"));
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn truncated_and_garbled_objects_fail() {
        let dir = tempfile::tempdir().unwrap();
        let oid = Oid::from_str("0123456789012345678901234567890123456789").unwrap();
        let objects = LooseObjects::new(dir.path().to_path_buf());
        assert_eq!(objects.check(oid), Ok(()), "absent: nothing to check");
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(b"blob 12\0hello world\n").unwrap();
        let whole = encoder.finish().unwrap();
        let file = dir.path().join("01").join("23456789012345678901234567890123456789");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &whole).unwrap();
        assert_eq!(objects.check(oid), Ok(()));
        std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
        assert!(objects.check(oid).unwrap_err().contains("is corrupt"));
        let mut garbled = whole.clone();
        garbled.extend_from_slice(b"junk");
        std::fs::write(&file, &garbled).unwrap();
        assert!(objects.check(oid).is_err());
    }
}
