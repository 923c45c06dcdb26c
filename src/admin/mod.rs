//! Administration pages under `/admin`.

mod outbox;

use crate::access::Routes;

pub fn routes(r: &mut Routes) {
    outbox::routes(r);
}
