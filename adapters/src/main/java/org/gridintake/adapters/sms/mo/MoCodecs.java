package org.gridintake.adapters.sms.mo;

import java.time.ZoneId;
import java.util.Objects;

import org.gridintake.routes.sms.MoPart;
import org.gridintake.routes.sms.SmsReceipt;
import org.gridintake.routes.sms.SmsReceipt.DeliveryState;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * The codecs of this package for the SMPP client and the SMSC simulator, which live in
 * other packages. Results come out in the domain's terms, so that this package's own
 * types stay inside it.
 */
public final class MoCodecs {

	private MoCodecs() {
	}

	/**
	 * Reads a deliver_sm: a delivery receipt when its esm_class says so, otherwise a
	 * mobile-originated text or one part of one.
	 * @param smscZone the zone of the SMSC's clock, in which a receipt's dates are
	 * written
	 */
	public static Decoded decodeDeliverSm(DeliverSm deliverSm, ZoneId smscZone) {
		Objects.requireNonNull(deliverSm, "deliverSm");
		if (DeliveryReceipts.isReceipt(deliverSm.getEsmClass())) {
			DecodeResult<Receipt> result = DeliveryReceipts.parse(deliverSm, smscZone);
			if (result instanceof DecodeResult.Decoded<Receipt> decoded) {
				return new ReceiptText(receipt(decoded.value()));
			}
			return new Undecodable(((DecodeResult.Invalid<Receipt>) result).reason());
		}
		return decodeText(deliverSm.getShortMessage(), deliverSm.getDataCoding(), deliverSm.getEsmClass(),
				deliverSm.getOptionalParameters());
	}

	/**
	 * Reads the text of a short message, e.g. of a submit_sm, with the rules of a
	 * mobile-originated one: the simulator thus reads the gateway's texts as strictly as
	 * the gateway reads residents'.
	 * @return a {@link Text}, or {@link Undecodable}
	 */
	public static Decoded decodeText(byte[] shortMessage, byte dataCoding, byte esmClass,
			OptionalParameter... optionalParameters) {
		DecodeResult<MoMessage> result = MoDecoder.decode(shortMessage, dataCoding, esmClass, optionalParameters);
		if (result instanceof DecodeResult.Decoded<MoMessage> decoded) {
			return new Text(decoded.value().text(), concatenation(decoded.value().concatenation()),
					userData(shortMessage, optionalParameters));
		}
		return new Undecodable(((DecodeResult.Invalid<MoMessage>) result).reason());
	}

	private static MoPart.Concatenation concatenation(Concatenation concatenation) {
		return (concatenation != null)
				? new MoPart.Concatenation(concatenation.reference(), concatenation.total(), concatenation.sequence())
				: null;
	}

	private static byte[] userData(byte[] shortMessage, OptionalParameter[] optionalParameters) {
		if (shortMessage != null && shortMessage.length > 0) {
			return shortMessage.clone();
		}
		byte[] payload = Tlvs.value(optionalParameters, Tlvs.MESSAGE_PAYLOAD);
		return (payload != null) ? payload : new byte[0];
	}

	private static SmsReceipt receipt(Receipt receipt) {
		return new SmsReceipt(receipt.messageId(), DeliveryState.valueOf(receipt.state().name()), receipt.errorCode(),
				receipt.doneAt());
	}

	/** What a short message turned out to be. */
	public sealed interface Decoded permits Text, ReceiptText, Undecodable {

	}

	/**
	 * A mobile-originated text, whole or one part.
	 *
	 * @param text the decoded text, without the user data header
	 * @param concatenation where the part belongs; {@code null} for a whole message
	 * @param userData the short_message, or the message_payload when that carried it, as
	 * delivered (header included)
	 */
	public record Text(String text, MoPart.Concatenation concatenation, byte[] userData) implements Decoded {

	}

	/** A delivery receipt for a text the gateway sent. */
	public record ReceiptText(SmsReceipt receipt) implements Decoded {

	}

	/**
	 * Input that no retry can make readable: absurd headers, broken UCS2, binary data.
	 *
	 * @param reason why, for the log
	 */
	public record Undecodable(String reason) implements Decoded {

	}

}
