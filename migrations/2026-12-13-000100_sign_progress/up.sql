-- A person learns a sign once: one live sign-learning row per user and sign.
CREATE UNIQUE INDEX user_progress_one_sign_per_user ON user_progress (user_id, item_id)
    WHERE progress_type = 'sign_learning' AND deleted_at IS NULL;
