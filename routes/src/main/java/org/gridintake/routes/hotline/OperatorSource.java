package org.gridintake.routes.hotline;

/** How a case's history names a hotline operator who changed it. */
final class OperatorSource {

	private OperatorSource() {
	}

	static String of(String operatorId) {
		return "operator:" + operatorId;
	}

}
