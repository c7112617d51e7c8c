package dev.springmfa.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON string and nothing else: a number, a boolean, an array or an object where
 * the contract wants a string is a wrong type, answered 400 {@code validation_failed}.
 * Jackson coerces scalars to strings by default ({@code 175408} would become the code
 * {@code "175408"}, a number would become a username); a mapper-wide
 * {@code CoercionConfig} would switch that off, but the MFA controllers read their bodies
 * through the application's own mapper, which the starter leaves alone, so the rule
 * travels with the request records instead.
 */
final class StrictStringDeserializer extends ValueDeserializer<String> {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.hasToken(JsonToken.VALUE_STRING)) {
			return parser.getString();
		}
		return context.reportInputMismatch(String.class, "Expected a JSON string, not %s", parser.currentToken());
	}

	@Override
	public Class<?> handledType() {
		return String.class;
	}

}
