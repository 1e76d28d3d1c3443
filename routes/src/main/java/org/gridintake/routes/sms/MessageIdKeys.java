package org.gridintake.routes.sms;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keys under which to index a sent message id and look up a receipt's id so that the two
 * match although SMSCs write them differently: many return hex in submit_sm_resp and
 * decimal in the receipt (or the reverse), pad with zeros, or change the letter case.
 *
 * <p>
 * A key is {@code s:} + the id in lower case, plus {@code n:} + the decimal value of
 * every number the id can be read as: a hex reading when all its characters are hex
 * digits, a decimal reading when all are decimal digits. {@code 0A1B2C} thus has the keys
 * {@code s:0a1b2c} and {@code n:662316}, and the receipt id {@code 0000662316} has
 * {@code s:0000662316}, {@code n:662316} (decimal) and {@code n:6693654} (hex): they meet
 * on {@code n:662316}. An id of other characters (a UUID, say) has its {@code s:} key
 * only and matches itself in any case.
 *
 * <p>
 * A string of decimal digits is ambiguous: {@code 10} may be ten or sixteen, so it has
 * both readings and may meet an unrelated id whose other reading is the same number
 * ({@code 10} and {@code 16} share {@code n:16}). In practice the messages awaiting a
 * receipt carry ids from one SMSC counter within a short window, of similar size; two
 * readings of one digit string differ by a factor that grows with its length (about 1.6
 * per digit), so they land among each other only for ids far apart in size, i.e. not
 * among live ones. To stay safe, index each sent id under all its keys, look the
 * receipt's keys up in the order given (its literal form first, then the decimal reading,
 * then the hex one), take the first key that finds exactly one message, and treat a key
 * that finds several as no match.
 */
public final class MessageIdKeys {

	private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

	private static final Pattern DECIMAL = Pattern.compile("[0-9]+");

	private MessageIdKeys() {
	}

	/**
	 * @return the keys, strongest first; empty for a {@code null} or blank id, which
	 * matches nothing
	 */
	public static Set<String> matchKeys(String id) {
		if (id == null || id.isBlank()) {
			return Set.of();
		}
		String trimmed = id.strip();
		Set<String> keys = new LinkedHashSet<>();
		keys.add("s:" + trimmed.toLowerCase(Locale.ROOT));
		if (DECIMAL.matcher(trimmed).matches()) {
			keys.add("n:" + new BigInteger(trimmed, 10));
		}
		if (HEX.matcher(trimmed).matches()) {
			keys.add("n:" + new BigInteger(trimmed, 16));
		}
		return Collections.unmodifiableSet(keys);
	}

	/** Whether the two ids may name the same message. */
	public static boolean mayMatch(String sentId, String receiptId) {
		Set<String> receiptKeys = matchKeys(receiptId);
		return matchKeys(sentId).stream().anyMatch(receiptKeys::contains);
	}

}
