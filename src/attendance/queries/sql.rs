//! Hand-written SQL that PostgreSQL prepares once per connection. Diesel's
//! `sql_query` never keeps its statements, so each call would be planned again;
//! on a roll save the planning cost more than the work.

use std::marker::PhantomData;

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{HasSqlType, Untyped};
use diesel::{QueryResult, RunQueryDsl};

/// One bound value with its SQL type.
trait Param: Send {
    fn push<'b>(&'b self, out: &mut AstPass<'_, 'b, Pg>) -> QueryResult<()>;
}

struct Typed<ST, V>(V, PhantomData<fn() -> ST>);

impl<ST, V> Param for Typed<ST, V>
where
    Pg: HasSqlType<ST>,
    V: ToSql<ST, Pg> + Send,
{
    fn push<'b>(&'b self, out: &mut AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_bind_param::<ST, V>(&self.0)
    }
}

/// SQL with `$1`, `$2`, … placeholders (each may appear more than once) and its values.
pub struct Prepared {
    sql: &'static str,
    params: Vec<Box<dyn Param>>,
}

pub fn prepared(sql: &'static str) -> Prepared {
    Prepared {
        sql,
        params: Vec::new(),
    }
}

impl Prepared {
    /// Binds the next placeholder (`$1` first).
    pub fn bind<ST, V>(mut self, value: V) -> Prepared
    where
        Pg: HasSqlType<ST>,
        V: ToSql<ST, Pg> + Send + 'static,
        ST: 'static,
    {
        self.params
            .push(Box::new(Typed::<ST, V>(value, PhantomData)));
        self
    }
}

impl QueryFragment<Pg> for Prepared {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        let mut rest = self.sql;
        while let Some(at) = rest.find('$') {
            let digits = rest[at + 1..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(rest.len() - at - 1, |n| n);
            let number: usize = rest[at + 1..at + 1 + digits].parse().map_err(|_| {
                diesel::result::Error::QueryBuilderError("a `$` without a number".into())
            })?;
            let param = number
                .checked_sub(1)
                .and_then(|i| self.params.get(i))
                .ok_or_else(|| {
                    diesel::result::Error::QueryBuilderError(
                        format!("no value bound for ${number}").into(),
                    )
                })?;
            out.push_sql(&rest[..at]);
            param.push(&mut out)?;
            rest = &rest[at + 1 + digits..];
        }
        out.push_sql(rest);
        Ok(())
    }
}

impl QueryId for Prepared {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for Prepared {
    type SqlType = Untyped;
}

impl<Conn> RunQueryDsl<Conn> for Prepared {}
