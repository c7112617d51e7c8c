package dev.springmfa.token;

import java.io.Reader;
import java.util.Map;

import io.jsonwebtoken.io.AbstractDeserializer;

/**
 * Reads the JSON of jjwt's headers and claims with Jackson 3, for
 * {@link io.jsonwebtoken.JwtParserBuilder#json}: numbers come back as {@code Integer} or
 * {@code Long}, arrays as lists and objects as maps, as with jjwt's own Jackson 2
 * binding.
 *
 * @see JacksonJwtSerializer
 */
public final class JacksonJwtDeserializer extends AbstractDeserializer<Map<String, ?>> {

	@Override
	@SuppressWarnings("unchecked")
	protected Map<String, ?> doDeserialize(Reader reader) {
		return JacksonJwtSerializer.MAPPER.readValue(reader, Map.class);
	}

}
