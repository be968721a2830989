use crate::helpers::{assert_problem, spawn_app};

#[tokio::test]
async fn an_unknown_path_answers_a_404_problem() {
    let app = spawn_app().await;
    assert_problem(app.get("/api/v1/no-such-thing").await, 404, "not_found").await;
}
