//! People's global identity: users, passwords, sessions and signing in. A user is one person
//! across every network; what they may do in a network comes from their membership there.

/// The name of the session cookie, shared by the web UI and the API.
pub const SESSION_COOKIE: &str = "samvirke_session";

mod limiter;
mod password;
pub(crate) mod secret;
mod sessions;
mod users;

pub use limiter::{AddressLimiter, SignInLimiter};
pub use password::{hash_password, verify_password};
pub use sessions::{CurrentUser, SignedIn, authenticate, sign_in, sign_out};
pub(crate) use sessions::{end_all_sessions, start_session};
pub use users::{
    MyNetwork, NewUser, User, create_user, find_user_by_email, my_networks, set_preferred_language,
};
pub(crate) use users::{insert_user, prepare_user};
