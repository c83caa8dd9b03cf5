//! One module per public page.

pub mod about;
pub mod changes;
pub mod compare;
pub mod contribute;
pub mod filters;
pub mod home;
pub mod map;
pub mod missing;
pub mod municipalities;
pub mod municipality;
pub mod ranking;
pub mod search;
