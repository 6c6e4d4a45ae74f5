//! Showcases: the projects organisations present, their updates, a network's public showcase
//! and the cross-network project library.

pub(crate) mod library;
pub(crate) mod projects;

pub(crate) fn register(b: &mut crate::Builder) {
    b.page("/n/:slug/projects", projects::list);
    b.form("/n/:slug/projects", projects::create);
    b.page("/n/:slug/projects/new", projects::new_form);
    b.page("/n/:slug/projects/:id", projects::show);
    b.form("/n/:slug/projects/:id", projects::update);
    b.page("/n/:slug/projects/:id/edit", projects::edit_form);
    b.form("/n/:slug/projects/:id/updates", projects::post_update);
    b.form(
        "/n/:slug/projects/:id/updates/:update_id",
        projects::save_update,
    );
    b.page(
        "/n/:slug/projects/:id/updates/:update_id/edit",
        projects::edit_update_form,
    );
    b.form(
        "/n/:slug/projects/:id/updates/:update_id/delete",
        projects::delete_update,
    );
    b.page("/n/:slug/showcase", library::showcase_page);
    b.page("/n/:slug/library", library::library_page);
}
