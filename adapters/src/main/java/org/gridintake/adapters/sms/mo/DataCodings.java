package org.gridintake.adapters.sms.mo;

import org.gridintake.adapters.sms.mo.MoMessage.Alphabet;

/**
 * Finds the alphabet of a deliver_sm's data_coding. Values 0x00 to 0x0F follow the SMPP
 * 3.4 table, which differs from GSM 03.38 there (0x01 is IA5, 0x03 Latin-1); every other
 * value is a GSM 03.38 / 3GPP 23.038 data coding scheme, whose alphabet sits in bits 2-3
 * (or bit 2 in the 0xF0 group).
 *
 * <p>
 * 8-bit data (0x02, 0x04, and the 8-bit GSM schemes such as 0x14 and 0xF4-0xF7) is
 * rejected as binary rather than read as Latin-1: GSM defines it as user-defined data,
 * handsets use it for application payloads (WAP push, vCards, OTA settings,
 * port-addressed SMS) that a resident cannot type, and read as text it would file
 * mojibake as a case. Latin-1 text has its own value, 0x03.
 */
final class DataCodings {

	private DataCodings() {
	}

	static Alphabet alphabet(int dataCoding) throws Rejected {
		int dcs = dataCoding & 0xFF;
		if (dcs <= 0x0F) {
			return smppAlphabet(dcs);
		}
		return switch (dcs >>> 4) {
			// general data coding (0x1x-0x3x) and its "automatic deletion" twin
			// (0x4x-0x7x)
			case 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7 -> generalAlphabet(dcs);
			case 0xC, 0xD -> Alphabet.GSM7;
			case 0xE -> Alphabet.UCS2;
			case 0xF -> ((dcs & 0x04) != 0) ? rejectBinary(dcs) : Alphabet.GSM7;
			default -> throw new Rejected(name(dcs) + " is a reserved coding group");
		};
	}

	private static Alphabet smppAlphabet(int dcs) throws Rejected {
		return switch (dcs) {
			// "SMSC default alphabet": GSM 03.38 on the SMSCs this gateway is meant for
			case 0x00 -> Alphabet.GSM7;
			case 0x01 -> Alphabet.IA5;
			case 0x02, 0x04 -> rejectBinary(dcs);
			case 0x03 -> Alphabet.LATIN1;
			case 0x06 -> Alphabet.CYRILLIC;
			case 0x07 -> Alphabet.HEBREW;
			case 0x08 -> Alphabet.UCS2;
			case 0x05 -> throw unsupported(dcs, "JIS (X 0208-1990)");
			case 0x09 -> throw unsupported(dcs, "pictogram encoding");
			case 0x0A -> throw unsupported(dcs, "ISO-2022-JP");
			case 0x0D -> throw unsupported(dcs, "extended Kanji JIS (X 0212-1990)");
			case 0x0E -> throw unsupported(dcs, "KS C 5601");
			// 0x0F among them: some CMPP bridges put GBK there, but nothing says this
			// SMSC
			// does, and guessing would store garbage for every other one
			default -> throw new Rejected(name(dcs) + " is reserved in SMPP 3.4");
		};
	}

	private static Alphabet generalAlphabet(int dcs) throws Rejected {
		if ((dcs & 0x20) != 0) {
			throw new Rejected(name(dcs) + " marks the text as compressed, which is not supported");
		}
		return switch ((dcs >>> 2) & 0x03) {
			case 0 -> Alphabet.GSM7;
			case 1 -> rejectBinary(dcs);
			case 2 -> Alphabet.UCS2;
			default -> throw new Rejected(name(dcs) + " names the reserved alphabet 11 (bits 3-2)");
		};
	}

	private static Alphabet rejectBinary(int dcs) throws Rejected {
		throw new Rejected(name(dcs) + " is 8-bit binary data, not text");
	}

	private static Rejected unsupported(int dcs, String coding) {
		return new Rejected(name(dcs) + " (" + coding + ") is not supported");
	}

	static String name(int dcs) {
		return String.format("data_coding 0x%02X", dcs & 0xFF);
	}

}
