DROP TABLE communication_events;
DROP TABLE message_recipients;
DROP TABLE messages;

DROP TYPE delivery_status;
DROP TYPE recipient_type;
DROP TYPE message_status;
DROP TYPE message_audience;
DROP TYPE message_channel;
