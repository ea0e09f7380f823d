-- A number on several clocks with no address to decide (+61 8 is Perth, Adelaide and Darwin) keeps its first zone
-- in time_zone and the others here: the claim dials it only while the calling window is open in every one of them.
ALTER TABLE leads ADD COLUMN IF NOT EXISTS other_time_zones text[];
