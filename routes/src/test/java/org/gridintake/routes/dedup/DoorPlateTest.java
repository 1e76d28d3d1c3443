package org.gridintake.routes.dedup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DoorPlateTest {

	private static DoorPlate plate(String text) {
		return DoorPlate.find(text).orElseThrow();
	}

	@Test
	void aDoorIsFoundInFreeTextWhateverItsNumerals() {
		assertThat(plate("你好，和平路12号门口消防栓漏水").number()).isEqualTo(12);
		assertThat(plate("和平路十二号消防栓漏水").number()).isEqualTo(12);
		assertThat(plate("金台大街二百四十三号对面").number()).isEqualTo(243);
		assertThat(plate("金台大街一百零五号").number()).isEqualTo(105);
		assertThat(plate("砖塔胡同二零三号").number()).isEqualTo(203);
		assertThat(plate("双榆街１１５号门口").number()).isEqualTo(115);
	}

	@Test
	void aBuildingOrABusIsNoDoor() {
		assertThat(DoorPlate.find("金色家园3号楼楼下路灯不亮")).isEmpty();
		assertThat(DoorPlate.find("幸福路3号院里")).isEmpty();
		assertThat(DoorPlate.find("坐12路车到站")).isEmpty();
		assertThat(DoorPlate.find(null)).isEmpty();
	}

	@Test
	void leadInWordsAndADroppedCharacterStillNameTheSameRoad() {
		DoorPlate canonical = DoorPlate.parse("金台大街243号").orElseThrow();
		assertThat(plate("来电人反映金台大街243号对面马路坑坑洼洼").sameDoor(canonical)).isTrue();
		assertThat(plate("金台街243号").sameDoor(canonical)).isTrue();
		assertThat(plate("大佛寺胡同5号").sameRoad(DoorPlate.parse("大佛寺胡同7号").orElseThrow())).isTrue();
	}

	@Test
	void wordsBeforeTheRoadAreNotTakenForItsName() {
		assertThat(plate("井盖丢了在幸福路5号")).hasToString("幸福路5号");
		assertThat(plate("来电人反映金台大街243号对面")).hasToString("金台大街243号");
	}

	@Test
	void anAvenueIsARoadToo() {
		// 大道 is how many cities name their main roads; the sample district has none
		DoorPlate eighteen = DoorPlate.parse("江南大道18号").orElseThrow();
		assertThat(plate("江南大道18号门口垃圾满了好几天没人清").sameDoor(eighteen)).isTrue();
		assertThat(plate("来电人反映江南大道十八号门口垃圾满溢")).hasToString("江南大道18号");
		assertThat(eighteen.otherDoorOnSameRoad(DoorPlate.parse("江南大道22号").orElseThrow())).isTrue();
		assertThat(eighteen.sameRoad(DoorPlate.parse("江南路18号").orElseThrow())).isFalse();
	}

	@Test
	void otherRoadsAndOtherNumbersAreOtherDoors() {
		DoorPlate twelve = DoorPlate.parse("和平路12号").orElseThrow();
		assertThat(twelve.otherDoorOnSameRoad(DoorPlate.parse("和平路32号").orElseThrow())).isTrue();
		assertThat(twelve.sameRoad(DoorPlate.parse("胜利路12号").orElseThrow())).isFalse();
		assertThat(twelve.sameRoad(DoorPlate.parse("和平街12号").orElseThrow())).isFalse();
		assertThat(twelve).hasToString("和平路12号");
	}

}
