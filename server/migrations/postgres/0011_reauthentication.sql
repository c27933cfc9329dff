-- When the session's user last confirmed the current password again (POST /me/reauthentication):
-- changing the second factor or registering a passkey needs this, or the second factor, to be recent.
ALTER TABLE sessions ADD COLUMN reauthenticated_at TIMESTAMPTZ;
