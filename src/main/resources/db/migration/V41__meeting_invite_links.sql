-- PRODUCT E5: the links an imported calendar event's invite carries (conference properties, URL,
-- LOCATION, DESCRIPTION), so the organizer can be reminded when it has the provider's raw join link
-- instead of the consent link. NULL for meetings not imported from a calendar (Assent wrote their invite).
ALTER TABLE calls.meetings ADD COLUMN invite_links TEXT[];
