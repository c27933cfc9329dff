-- Who filed a notification as the 発生届 names them (感染症法施行規則): the doctor's (or veterinarian's)
-- name and the institution's (動物診療施設's) name, address and telephone, as JSON, taken from the
-- account and the master at filing time so that later changes to either do not rewrite a filed form.
-- NULL for notifications filed before this migration: the app shows 「記録なし」.
ALTER TABLE notifications ADD COLUMN filer TEXT;
