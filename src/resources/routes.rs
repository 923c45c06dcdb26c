//! The record engine's addresses: every described entity gets the same routes
//! (`/students`, `/students/new`, `/students/{id}`, …), registered through the route
//! registry with the permission each needs.

use std::sync::OnceLock;

use actix_web::{HttpRequest, web};

use super::{Action, Mode, Resource, entities, export, import, pages};
use crate::access::{Entity, Gate, Routes};
use crate::state::AppState;
use crate::web::layout::Page;

/// The addresses of one resource, made once (routes need `'static` paths).
pub(super) struct Paths {
    pub(super) list: &'static str,
    new: &'static str,
    show: &'static str,
    edit: &'static str,
    delete: &'static str,
    restore: &'static str,
    trash: &'static str,
    export: &'static str,
    import: &'static str,
    import_job: &'static str,
    options: &'static str,
}

pub(super) fn paths(resource: &'static Resource) -> &'static Paths {
    static ALL: OnceLock<Vec<(Entity, Paths)>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        entities::ALL
            .iter()
            .map(|r| {
                let base = format!("/{}", r.table().replace('_', "-"));
                let leak = |suffix: &str| -> &'static str {
                    Box::leak(format!("{base}{suffix}").into_boxed_str())
                };
                (
                    r.entity,
                    Paths {
                        list: leak(""),
                        new: leak("/new"),
                        show: leak("/{id}"),
                        edit: leak("/{id}/edit"),
                        delete: leak("/{id}/delete"),
                        restore: leak("/{id}/restore"),
                        trash: leak("/trash"),
                        export: leak("/export.csv"),
                        import: leak("/import"),
                        import_job: leak("/import/{job}"),
                        options: leak("/options"),
                    },
                )
            })
            .collect()
    });
    all.iter()
        .find(|(e, _)| *e == resource.entity)
        .map(|(_, p)| p)
        .unwrap_or_else(|| panic!("{} is not in entities::ALL", resource.table()))
}

pub fn routes(r: &mut Routes) {
    r.get("/records", Gate::SignedIn, pages::index);
    for resource in entities::ALL {
        register(r, resource);
    }
    super::menu::register(r);
}

/// Fixed paths come before `{id}` so `/students/new` is not read as an id. Read-only
/// modes register no write routes; each handler also asks the mode (install-wide
/// records need a global user).
fn register(r: &mut Routes, res: &'static Resource) {
    type State = web::Data<AppState>;
    type Pairs = crate::web::input::Query<Vec<(String, String)>>;
    type FormPairs = crate::web::input::Fields;
    type Id = web::Path<String>;
    type Restore = crate::web::input::Query<crate::forms::RestoreQuery>;

    let p = paths(res);
    let gate = |action| Gate::Requires(res.permission(action));
    r.get(
        p.list,
        gate(Action::Read),
        move |req: HttpRequest, page: Page, state: State, q: Pairs| async move {
            res.require(&page.access, Action::Read)?;
            pages::list(res, req, page, state, q).await
        },
    );
    let writable = matches!(res.mode, Mode::Tenant | Mode::InstallWide { .. });
    if writable {
        r.get(
            p.new,
            gate(Action::Create),
            move |page: Page, state: State, q: Pairs| async move {
                res.require(&page.access, Action::Create)?;
                pages::new_form(res, page, state, q).await
            },
        )
        .post(
            p.list,
            gate(Action::Create),
            move |page: Page, state: State, form: FormPairs, session: actix_session::Session| async move {
                res.require(&page.access, Action::Create)?;
                pages::create(res, page, state, form, session).await
            },
        )
        .get(
            p.trash,
            gate(Action::Delete),
            move |page: Page, state: State, q: Pairs| async move {
                res.require(&page.access, Action::Delete)?;
                pages::trash(res, page, state, q).await
            },
        );
    }
    r.get(
        p.export,
        gate(Action::Read),
        move |page: Page, state: State, q: Pairs| async move {
            res.require(&page.access, Action::Read)?;
            export::export(res, page, state, q).await
        },
    )
    .get(
        p.options,
        gate(Action::Read),
        move |page: Page, state: State, q: Pairs| async move {
            res.require(&page.access, Action::Read)?;
            pages::options(res, page, state, q).await
        },
    );
    if writable {
        r.get(
            p.import,
            gate(Action::Create),
            move |page: Page, state: State, q: Pairs| async move {
                res.require(&page.access, Action::Create)?;
                import::upload_form(res, page, state, q).await
            },
        )
        .post(
            p.import,
            gate(Action::Create),
            move |req: HttpRequest, page: Page, state: State, body: web::Payload| async move {
                res.require(&page.access, Action::Create)?;
                import::receive(res, req, page, state, body).await
            },
        )
        .get(
            p.import_job,
            gate(Action::Create),
            move |req: HttpRequest, page: Page, state: State, job: web::Path<String>| async move {
                res.require(&page.access, Action::Create)?;
                import::progress(res, req, page, state, job).await
            },
        );
    }
    r.get(
        p.show,
        gate(Action::Read),
        move |req: HttpRequest, page: Page, state: State, id: Id, q: Pairs| async move {
            res.require(&page.access, Action::Read)?;
            pages::show(res, req, page, state, id, q).await
        },
    );
    if !writable {
        return;
    }
    r.get(
        p.edit,
        gate(Action::Update),
        move |page: Page, state: State, id: Id, q: Restore| async move {
            res.require(&page.access, Action::Update)?;
            pages::edit_form(res, page, state, id, q).await
        },
    )
    .post(
        p.show,
        gate(Action::Update),
        move |page: Page,
              state: State,
              id: Id,
              form: FormPairs,
              session: actix_session::Session| async move {
            res.require(&page.access, Action::Update)?;
            pages::update(res, page, state, id, form, session).await
        },
    )
    .get(
        p.delete,
        gate(Action::Delete),
        move |page: Page, state: State, id: Id| async move {
            res.require(&page.access, Action::Delete)?;
            pages::confirm_delete(res, page, state, id).await
        },
    )
    .post(
        p.delete,
        gate(Action::Delete),
        move |page: Page, state: State, id: Id, session: actix_session::Session| async move {
            res.require(&page.access, Action::Delete)?;
            pages::delete(res, page, state, id, session).await
        },
    )
    .post(
        p.restore,
        gate(Action::Delete),
        move |page: Page, state: State, id: Id, session: actix_session::Session| async move {
            res.require(&page.access, Action::Delete)?;
            pages::restore(res, page, state, id, session).await
        },
    );
}
