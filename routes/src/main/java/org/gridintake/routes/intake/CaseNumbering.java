package org.gridintake.routes.intake;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.gridintake.routes.casedraft.CaseNumber;

/**
 * Case numbers carry the district's short prefix and the local date of receipt, so a
 * resident reading one out on the phone gives the operator a first check.
 */
public class CaseNumbering {

	private final Map<String, String> prefixByDistrict;

	private final String serviceDistrictCode;

	private final ZoneId zone;

	public CaseNumbering(Map<String, String> prefixByDistrict, String serviceDistrictCode, ZoneId zone) {
		if (!prefixByDistrict.containsKey(serviceDistrictCode)) {
			throw new IllegalArgumentException("no case-number prefix for the service district " + serviceDistrictCode);
		}
		this.prefixByDistrict = Map.copyOf(prefixByDistrict);
		this.serviceDistrictCode = serviceDistrictCode;
		this.zone = zone;
	}

	/** Unlocated cases are numbered for the service district. */
	public CaseNumber number(String districtCode, Instant receivedAt, long serial) {
		String prefix = (districtCode != null) ? this.prefixByDistrict.get(districtCode) : null;
		if (prefix == null) {
			prefix = this.prefixByDistrict.get(this.serviceDistrictCode);
		}
		return CaseNumber.of(prefix, receivedAt.atZone(this.zone).toLocalDate(), serial);
	}

}
