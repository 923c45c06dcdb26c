DROP POLICY report_cards_tenant_isolation ON report_cards;
DROP TABLE report_cards;
DROP POLICY report_card_comments_tenant_isolation ON report_card_comments;
DROP TABLE report_card_comments;
