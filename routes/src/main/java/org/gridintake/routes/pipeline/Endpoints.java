package org.gridintake.routes.pipeline;

/** Route ids and the in-process endpoints that connect the flows. */
public final class Endpoints {

	public static final String PORTAL_INTAKE = "direct:portal-intake";

	public static final String INTAKE = "direct:intake";

	public static final String HOTLINE_INTAKE = "direct:hotline-intake";

	public static final String FIELD_INTAKE = "direct:field-intake";

	public static final String HOTLINE_ATTACH = "direct:hotline-attach";

	public static final String FORWARD_ONE = "direct:forward-one";

	public static final String PLATFORM_STATUS = "direct:platform-status";

	public static final String NOTIFY_ONE = "direct:notify-one";

	public static final String SMS_MESSAGE = "direct:sms-message";

	public static final String PORTAL_INTAKE_ROUTE = "portal-intake";

	public static final String INTAKE_ROUTE = "intake";

	public static final String HOTLINE_INTAKE_ROUTE = "hotline-intake";

	public static final String FIELD_INTAKE_ROUTE = "field-intake";

	public static final String HOTLINE_ATTACH_ROUTE = "hotline-attach";

	public static final String FORWARD_POLL_ROUTE = "forward-poll";

	public static final String FORWARD_ROUTE = "forward";

	public static final String PLATFORM_STATUS_ROUTE = "platform-status";

	public static final String NOTIFY_POLL_ROUTE = "notify-poll";

	public static final String NOTIFY_ROUTE = "notify";

	public static final String SMS_INBOX_POLL_ROUTE = "sms-inbox-poll";

	public static final String SMS_MESSAGE_ROUTE = "sms-message";

	public static final String SMS_PARTS_ROUTE = "sms-parts-timeout";

	public static final String MERGE_CATCH_UP_ROUTE = "merge-catch-up";

	public static final String STATUS_POLL_ROUTE = "status-poll";

	public static final String ESCALATION_ROUTE = "service-level-escalation";

	private Endpoints() {
	}

}
