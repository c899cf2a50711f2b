//! The persistent cache of backend answers (SQLite): keyed by backend, model and text, so a
//! CI rerun or an audit of unchanged articles calls nothing. Entries unused for longer than
//! the age limit, and the least recently used beyond the size limit, are dropped when the
//! cache opens. A file that is not a usable cache is set aside and rebuilt, with a warning.
//!
//! The cache is an optimisation: a failure to store is ignored, never an error.

use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// How big and how old the cache may grow.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct CacheLimits {
    pub max_entries: u64,
    pub max_age_days: u64,
}

impl Default for CacheLimits {
    fn default() -> Self {
        CacheLimits {
            max_entries: 200_000,
            max_age_days: 90,
        }
    }
}

pub struct Cache {
    conn: Connection,
    path: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entries (
    namespace TEXT NOT NULL,
    text TEXT NOT NULL,
    value BLOB NOT NULL,
    created INTEGER NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (namespace, text)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_used ON entries (used);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

const FORMAT: &str = "verbatim-cache-1";

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The default place: the user's cache directory (`~/.cache/verbatim/backend.sqlite` on Linux).
pub fn default_path() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("verbatim").join("backend.sqlite"))
}

fn open_checked(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(SCHEMA)?;
    let format: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| {
            r.get(0)
        })
        .optional()?;
    match format {
        Some(f) if f == FORMAT => {}
        Some(f) => {
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "cache format {f}"
            )))
        }
        None => {
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('format', ?1)",
                params![FORMAT],
            )?;
        }
    }
    let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(rusqlite::Error::InvalidParameterName(ok));
    }
    Ok(conn)
}

impl Cache {
    /// Opens (or creates) the cache at `path` and applies the limits. Returns a warning to
    /// show when the file was unusable and has been rebuilt.
    pub fn open(path: &Path, limits: CacheLimits) -> Result<(Cache, Option<String>), String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cache {}: cannot create its folder: {e}", path.display()))?;
        }
        let (conn, warning) = match open_checked(path) {
            Ok(conn) => (conn, None),
            Err(e) => {
                let aside = path.with_extension("sqlite.corrupt");
                std::fs::rename(path, &aside).map_err(|r| {
                    format!(
                        "cache {}: unusable ({e}) and cannot be moved aside: {r}",
                        path.display()
                    )
                })?;
                let conn = open_checked(path)
                    .map_err(|e2| format!("cache {}: cannot be rebuilt: {e2}", path.display()))?;
                (
                    conn,
                    Some(format!(
                        "cache {} was unusable ({e}); it was moved to {} and rebuilt",
                        path.display(),
                        aside.display()
                    )),
                )
            }
        };
        let cache = Cache {
            conn,
            path: path.to_path_buf(),
        };
        cache.apply(limits);
        Ok((cache, warning))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn apply(&self, limits: CacheLimits) {
        let oldest = now() - (limits.max_age_days as i64) * 86_400;
        let _ = self
            .conn
            .execute("DELETE FROM entries WHERE used < ?1", params![oldest]);
        let count: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM entries", [], |r| r.get(0))
            .unwrap_or(0);
        let excess = count - limits.max_entries as i64;
        if excess > 0 {
            let _ = self.conn.execute(
                "DELETE FROM entries WHERE (namespace, text) IN (SELECT namespace, text FROM entries ORDER BY used, created LIMIT ?1)",
                params![excess],
            );
        }
    }

    /// Number of entries.
    pub fn len(&self) -> u64 {
        self.conn
            .query_row("SELECT COUNT(*) FROM entries", [], |r| r.get::<_, i64>(0))
            .map_or(0, |n| n as u64)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The stored values of those `texts` the cache holds; marks them used.
    pub fn get_many(&self, namespace: &str, texts: &[String]) -> HashMap<String, Vec<u8>> {
        let mut found = HashMap::new();
        let Ok(mut select) = self
            .conn
            .prepare_cached("SELECT value FROM entries WHERE namespace = ?1 AND text = ?2")
        else {
            return found;
        };
        for t in texts {
            if let Ok(Some(v)) = select
                .query_row(params![namespace, t], |r| r.get::<_, Vec<u8>>(0))
                .optional()
            {
                found.insert(t.clone(), v);
            }
        }
        drop(select);
        if !found.is_empty() {
            let tx = self.conn.unchecked_transaction();
            if let Ok(tx) = tx {
                if let Ok(mut touch) = tx.prepare_cached(
                    "UPDATE entries SET used = ?3 WHERE namespace = ?1 AND text = ?2",
                ) {
                    for t in found.keys() {
                        let _ = touch.execute(params![namespace, t, now()]);
                    }
                }
                let _ = tx.commit();
            }
        }
        found
    }

    /// Stores answers (ignoring failures: the cache only saves time).
    pub fn put_many(&self, namespace: &str, rows: &[(&str, Vec<u8>)]) {
        let Ok(tx) = self.conn.unchecked_transaction() else {
            return;
        };
        if let Ok(mut insert) = tx.prepare_cached("INSERT OR REPLACE INTO entries (namespace, text, value, created, used) VALUES (?1, ?2, ?3, ?4, ?4)") {
            for (text, value) in rows {
                let _ = insert.execute(params![namespace, text, value, now()]);
            }
        }
        let _ = tx.commit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_finds_and_limits_entries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/c.sqlite");
        let (cache, warning) = Cache::open(&path, CacheLimits::default()).unwrap();
        assert!(warning.is_none());
        cache.put_many("ns", &[("a", vec![1]), ("b", vec![2]), ("c", vec![3])]);
        let got = cache.get_many("ns", &["a".into(), "z".into()]);
        assert_eq!(got.len(), 1);
        assert_eq!(got["a"], vec![1]);
        assert!(
            cache.get_many("other", &["a".into()]).is_empty(),
            "namespaces are apart"
        );
        drop(cache);
        let (cache, _) = Cache::open(
            &path,
            CacheLimits {
                max_entries: 2,
                max_age_days: 90,
            },
        )
        .unwrap();
        assert_eq!(
            cache.len(),
            2,
            "the size limit drops the least recently used"
        );
    }

    #[test]
    fn a_corrupt_file_is_rebuilt_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        std::fs::write(
            &path,
            b"this is not a database, just some bytes that are long enough to look like a header",
        )
        .unwrap();
        let (cache, warning) = Cache::open(&path, CacheLimits::default()).unwrap();
        assert!(warning.unwrap().contains("rebuilt"));
        cache.put_many("ns", &[("a", vec![1])]);
        assert_eq!(cache.len(), 1);
        assert!(dir.path().join("c.sqlite.corrupt").is_file());
    }
}
