package org.gridintake.routes.dedup;

import java.util.List;

import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CategoryClassifierTest {

	private static final Taxonomy TAXONOMY = new Taxonomy(
			List.of(new Category("0101", "路灯故障", "component", GridLevel.COMMUNITY, List.of("路灯", "灯不亮")),
					new Category("0102", "井盖缺损", "component", GridLevel.STREET, List.of("井盖", "下水井")),
					new Category("0104", "垃圾箱破损", "component", GridLevel.COMMUNITY, List.of("垃圾桶", "垃圾箱")),
					new Category("0107", "消防设施损坏", "component", GridLevel.STREET, List.of("消防栓", "灭火器")),
					new Category("1101", "暴露垃圾", "event", GridLevel.COMMUNITY, List.of("垃圾", "臭"))));

	// Nobody has filed 0107 yet: it must be reachable through its keywords alone.
	private static final List<LabelledText> HISTORY = List.of(new LabelledText("和平路12号路灯一闪一闪的", "0101"),
			new LabelledText("这一段路灯全黑了", "0101"), new LabelledText("楼下的灯晚上不亮", "0101"),
			new LabelledText("井盖碎了，车一压就响", "0102"), new LabelledText("马路中间井盖没了", "0102"),
			new LabelledText("下水井盖松动很危险", "0102"), new LabelledText("垃圾桶被推倒了没人扶", "0104"),
			new LabelledText("果皮箱被撞坏了", "0104"), new LabelledText("垃圾箱盖子掉了", "0104"),
			new LabelledText("楼下垃圾成堆苍蝇很多", "1101"), new LabelledText("有人偷倒装修垃圾", "1101"),
			new LabelledText("垃圾满了溢出来没人收", "1101"), new LabelledText("旧的分类", "0999"));

	private final CategoryClassifier classifier = new CategoryClassifier(TAXONOMY, HISTORY);

	@Test
	void categoryWithoutHistoryIsFoundByItsKeywords() {
		assertThat(this.classifier.classify("宏达小区2号楼下，灭火器都过期了")).hasValueSatisfying((found) -> {
			assertThat(found.categoryCode()).isEqualTo("0107");
			assertThat(found.confidence()).isBetween(0.5, 1.0);
		});
	}

	@Test
	void wordingLearnedFromHistoryNeedsNoKeyword() {
		assertThat(this.classifier.classify("门口的灯一闪一闪")).map(Classification::categoryCode).contains("0101");
	}

	@Test
	void longerKeywordWinsOverTheKeywordInsideIt() {
		assertThat(this.classifier.classify("垃圾桶破了")).map(Classification::categoryCode).contains("0104");
		assertThat(this.classifier.classify("垃圾堆在路边好臭")).map(Classification::categoryCode).contains("1101");
	}

	@Test
	void nonsenseGoesToTriage() {
		assertThat(this.classifier.classify("啊啊啊啊啊啊")).isEmpty();
		assertThat(this.classifier.classify("asdf qwer 1234")).isEmpty();
		assertThat(this.classifier.classify("今天天气真好")).isEmpty();
		assertThat(this.classifier.classify("   ")).isEmpty();
		assertThat(this.classifier.classify(null)).isEmpty();
	}

	@Test
	void thresholdIsConfigurable() {
		CategoryClassifier eager = new CategoryClassifier(TAXONOMY, HISTORY,
				CategoryClassifier.Settings.DEFAULTS.withThreshold(0));
		assertThat(eager.classify("今天天气真好")).isPresent();
		assertThat(eager.bestGuess("今天天气真好")).isEqualTo(this.classifier.bestGuess("今天天气真好"));
	}

	@Test
	void posteriorIsADistributionOverTheTaxonomy() {
		assertThat(this.classifier.posterior("井盖丢了")).containsOnlyKeys("0101", "0102", "0104", "0107", "1101")
			.allSatisfy((code, p) -> assertThat(p).isBetween(0.0, 1.0));
		assertThat(this.classifier.posterior("井盖丢了").values().stream().mapToDouble(Double::doubleValue).sum())
			.isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
	}

	@Test
	void historyLabelledWithARetiredCodeIsNeverAnswered() {
		assertThat(this.classifier.bestGuess("旧的分类")).map(Classification::categoryCode).isNotEqualTo("0999");
	}

	@Test
	void fullWidthTextIsReadAsHalfWidth() {
		assertThat(this.classifier.bestGuess("井盖丢了ＡＢＣ１２３")).map(Classification::categoryCode)
			.isEqualTo(this.classifier.bestGuess("井盖丢了abc123").map(Classification::categoryCode));
	}

	@Test
	void settingsOutOfRangeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CategoryClassifier.Settings(1.5, 3, 0.5, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new CategoryClassifier.Settings(0.5, 0, 0.5, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new CategoryClassifier.Settings(0.5, 3, -1, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new CategoryClassifier.Settings(0.5, 3, 0.5, 0));
	}

}
