//! Deadlines: the `grpc-timeout` request header, how much of it is left, and the budget to give a
//! downstream call.

use std::time::{Duration, Instant};

use tonic::Status;
use tonic::metadata::MetadataMap;

/// The point in time by which a call must be answered, if the client set one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// The deadline of a request received now, from its `grpc-timeout` header.
    pub fn from_metadata(metadata: &MetadataMap) -> Self {
        let timeout = metadata.get("grpc-timeout").and_then(|v| v.to_str().ok()).and_then(parse_grpc_timeout);
        Self(timeout.map(|t| Instant::now() + t))
    }

    /// No deadline.
    pub fn none() -> Self {
        Self(None)
    }

    /// A deadline `timeout` from now.
    pub fn after(timeout: Duration) -> Self {
        Self(Some(Instant::now() + timeout))
    }

    /// The time left, or `None` without a deadline.
    pub fn remaining(&self) -> Option<Duration> {
        self.0.map(|at| at.saturating_duration_since(Instant::now()))
    }

    /// DEADLINE_EXCEEDED unless `work` fits in the time left: failing fast is better than doing
    /// work whose answer nobody will wait for.
    pub fn ensure_fits(&self, work: Duration, what: &str) -> Result<(), Status> {
        match self.remaining() {
            Some(left) if left < work => Err(Status::deadline_exceeded(format!(
                "{what} takes about {} ms but only {} ms of the deadline are left",
                work.as_millis(),
                left.as_millis()
            ))),
            _ => Ok(()),
        }
    }

    #[must_use]
    /// The deadline for a downstream call that may use `percent` of the time left.
    pub fn share(&self, percent: u32) -> Self {
        Self(self.remaining().map(|left| Instant::now() + left * percent / 100))
    }
}

/// Parses a `grpc-timeout` value: at most eight digits and a unit (`H`, `M`, `S`, `m`, `u`, `n`).
pub fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    if value.len() < 2 || value.len() > 9 {
        return None;
    }
    let (digits, unit) = value.split_at(value.len() - 1);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n * 3600),
        "M" => Duration::from_secs(n * 60),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeout_values() {
        assert_eq!(parse_grpc_timeout("250m"), Some(Duration::from_millis(250)));
        assert_eq!(parse_grpc_timeout("1S"), Some(Duration::from_secs(1)));
        assert_eq!(parse_grpc_timeout("2H"), Some(Duration::from_secs(7200)));
        assert_eq!(parse_grpc_timeout("99999u"), Some(Duration::from_micros(99_999)));
        assert_eq!(parse_grpc_timeout("123456789S"), None);
        assert_eq!(parse_grpc_timeout("10x"), None);
        assert_eq!(parse_grpc_timeout("m"), None);
        assert_eq!(parse_grpc_timeout("-1S"), None);
    }

    #[test]
    fn work_that_does_not_fit_fails_fast() {
        let deadline = Deadline::after(Duration::from_millis(50));
        assert_eq!(
            deadline.ensure_fits(Duration::from_secs(1), "pricing").unwrap_err().code(),
            tonic::Code::DeadlineExceeded
        );
        assert!(deadline.ensure_fits(Duration::from_millis(1), "pricing").is_ok());
        assert!(Deadline::none().ensure_fits(Duration::from_secs(100), "pricing").is_ok());
    }
}
