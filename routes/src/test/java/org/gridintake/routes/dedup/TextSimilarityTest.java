package org.gridintake.routes.dedup;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSimilarityTest {

	private final TextSimilarity similarity = new TextSimilarity();

	private static String problem(String text) {
		return TextSimilarity.problemText(text, List.of("和平路12号", "和平路"));
	}

	@Test
	void sameProblemRewordedIsNotVetoed() {
		String sms = problem("你好，和平路12号门口消防栓漏水了，请尽快处理");
		String hotline = problem("来电人反映和平路十二号消防栓一直在漏水。要求尽快处理。");
		assertThat(TextSimilarity.cosine(sms, hotline)).isGreaterThan(0.3);
		assertThat(this.similarity.vetoes(sms, hotline)).isFalse();
	}

	@Test
	void differentProblemsAtOnePlaceAreVetoed() {
		String hydrant = "和平路12号门口消防栓漏水";
		String extinguisher = "和平路12号门口灭火器过期了";
		assertThat(this.similarity.vetoes(problem(hydrant), problem(extinguisher))).isTrue();
		assertThat(TextSimilarity.cosine(problem(hydrant), problem(extinguisher))).isZero();
		// Why the place must come out first: with it, the shared address dominates.
		assertThat(TextSimilarity.cosine(hydrant, extinguisher)).isGreaterThan(0.4);
	}

	@Test
	void textNamingOnlyThePlaceNeverVetoes() {
		assertThat(problem("在和平路12号门口")).isEmpty();
		assertThat(this.similarity.vetoes(problem("在和平路12号门口"), problem("和平路12号消防栓漏水"))).isFalse();
	}

	@Test
	void problemTextDropsPlacesNumbersAndStockPhrases() {
		assertThat(TextSimilarity.problemText("来电人反映和平路12号对面井盖丢了。要求尽快处理。", List.of("和平路12号"))).isEqualTo("井盖丢");
		assertThat(TextSimilarity.problemText("金色家园3号楼楼下路灯不亮", List.of("金色家园"))).isEqualTo("路灯不亮");
	}

	@Test
	void simhashOfTheSameWordsIsTheSame() {
		long a = TextSimilarity.simhash("消防栓漏水");
		assertThat(TextSimilarity.simhash("消防栓漏水")).isEqualTo(a);
		// Full-width and case differences are normalised away before hashing.
		assertThat(TextSimilarity.simhash("ＡＢ消防栓漏水")).isEqualTo(TextSimilarity.simhash("ab消防栓漏水"));
		assertThat(TextSimilarity.hammingDistance(a, a)).isZero();
	}

	@Test
	void simhashOfALongTextBarelyMovesForASmallEdit() {
		String text = "双榆街115号门口饭馆油烟直排熏得受不了，楼上住户窗户都不敢开，已经好几天了，请尽快处理";
		String edited = "双榆街115号门口饭馆油烟直排熏得受不了，楼上住户窗户都不能开，已经好几天了，请尽快处理";
		String other = "长安路222号附近路口积水过不去，车辆绕行，行人只能蹚水通过";
		int near = TextSimilarity.hammingDistance(TextSimilarity.simhash(text), TextSimilarity.simhash(edited));
		int far = TextSimilarity.hammingDistance(TextSimilarity.simhash(text), TextSimilarity.simhash(other));
		assertThat(near).isLessThan(far);
		assertThat(near).isLessThanOrEqualTo(10);
	}

	@Test
	void hammingDistanceCountsDifferingBits() {
		assertThat(TextSimilarity.hammingDistance(0L, -1L)).isEqualTo(64);
		assertThat(TextSimilarity.hammingDistance(0b1010L, 0b0110L)).isEqualTo(2);
	}

}
