-- Which platforms exist is the platform registry's to say (src/platforms/index.ts), not the schema's: the
-- checks that listed them give way to the generic forms, and the code that writes checks the rest.
ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_platform_check;
ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_platform_check CHECK (platform ~ '^[a-z]+$');

ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_channel_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_channel_check CHECK (channel ~ '^[a-z]+:\S+$');

ALTER TABLE digest_posts DROP CONSTRAINT digest_posts_platform_check;
ALTER TABLE digest_posts ADD CONSTRAINT digest_posts_platform_check CHECK (platform ~ '^[a-z]+$');

ALTER TABLE interventions DROP CONSTRAINT interventions_channel_check;
ALTER TABLE interventions ADD CONSTRAINT interventions_channel_check CHECK (channel ~ '^[a-z]+:\S+$');
