//! Table builders (filled in below).
