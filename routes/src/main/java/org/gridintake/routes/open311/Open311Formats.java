package org.gridintake.routes.open311;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes GeoReport v2 answers as JSON or XML. Both escape markup: stored text comes from
 * residents, and a client that drops it into a page must not run what someone typed.
 */
public final class Open311Formats {

	private final ObjectMapper json;

	public Open311Formats(ObjectMapper json) {
		this.json = json.copy();
		this.json.getFactory().setCharacterEscapes(new MarkupEscapes());
	}

	public String json(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("maps of strings and numbers always serialise", ex);
		}
	}

	/**
	 * The spec's XML: a root element holding one element per item, each field an element
	 * of its own; a list field holds one element per entry, named by its singular.
	 */
	public static String xml(String root, String item, List<Map<String, Object>> items) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
		xml.append('<').append(root).append('>');
		for (Map<String, Object> entry : items) {
			element(xml, item, entry);
		}
		return xml.append("</").append(root).append('>').toString();
	}

	public static String errorsXml(List<Open311Error> errors) {
		return xml("errors", "error", errors.stream().map(Open311Formats::errorView).toList());
	}

	public String errorsJson(List<Open311Error> errors) {
		return json(errors.stream().map(Open311Formats::errorView).toList());
	}

	private static Map<String, Object> errorView(Open311Error error) {
		Map<String, Object> view = new java.util.LinkedHashMap<>();
		view.put("code", error.code());
		view.put("description", error.description());
		return view;
	}

	@SuppressWarnings("unchecked")
	private static void element(StringBuilder xml, String name, Object value) {
		if (value == null) {
			xml.append('<').append(name).append("/>");
			return;
		}
		xml.append('<').append(name).append('>');
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> element(xml, (String) key, child));
		}
		else if (value instanceof List<?> list) {
			String singular = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
			for (Object child : list) {
				element(xml, singular, child);
			}
		}
		else {
			text(xml, value.toString());
		}
		xml.append("</").append(name).append('>');
	}

	static void text(StringBuilder xml, String text) {
		text.codePoints().forEach((c) -> {
			switch (c) {
				case '<' -> xml.append("&lt;");
				case '>' -> xml.append("&gt;");
				case '&' -> xml.append("&amp;");
				case '"' -> xml.append("&quot;");
				case '\'' -> xml.append("&apos;");
				default -> {
					// XML 1.0 cannot carry most control characters even escaped
					if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
							|| c >= 0x10000) {
						xml.appendCodePoint(c);
					}
				}
			}
		});
	}

	private static final class MarkupEscapes extends CharacterEscapes {

		private final int[] escapes;

		MarkupEscapes() {
			this.escapes = standardAsciiEscapesForJSON();
			for (char c : new char[] { '<', '>', '&', '\'' }) {
				this.escapes[c] = ESCAPE_STANDARD;
			}
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return this.escapes;
		}

		@Override
		public SerializableString getEscapeSequence(int ch) {
			return null;
		}

	}

}
