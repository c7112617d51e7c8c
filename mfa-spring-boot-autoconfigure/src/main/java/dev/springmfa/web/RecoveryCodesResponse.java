package dev.springmfa.web;

import java.util.List;

/**
 * The unused recovery codes of the signed-in user.
 *
 * @param codes the codes
 * @param remaining how many there are
 */
record RecoveryCodesResponse(List<String> codes, int remaining) {

	static RecoveryCodesResponse of(List<String> codes) {
		return new RecoveryCodesResponse(codes, codes.size());
	}

	@Override
	public String toString() {
		return "RecoveryCodesResponse[remaining=" + this.remaining + "]";
	}

}
