package io.rdht.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.routing.IdBinding;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OwnIdTest {

    private static final IdBinding BOUND = new IdBinding(true, true);
    private static final InetAddress HOST = new InetSocketAddress("127.0.3.4", 0).getAddress();
    private static final InetAddress WILDCARD = new InetSocketAddress("::", 0).getAddress();

    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void aSavedIdThatNoLongerFitsIsReplacedByOneDerivedFromTheAddress() {
        InfoHash saved = InfoHash.random(random);
        InfoHash id = OwnId.fitting(saved, OwnId.Source.SAVED, HOST, BOUND, random);
        assertThat(id).isNotEqualTo(saved);
        assertThat(IdBinding.fits(id, HOST)).isTrue();
    }

    @Test
    void anIdThatFitsIsKept() {
        InfoHash fitting = IdBinding.derive(HOST, random);
        assertThat(OwnId.fitting(fitting, OwnId.Source.SAVED, HOST, BOUND, random))
                .isEqualTo(fitting);
        assertThat(OwnId.fitting(fitting, OwnId.Source.CONFIGURED, HOST, BOUND, random))
                .isEqualTo(fitting);
    }

    @Test
    void aChosenIdThatDoesNotFitIsRefusedNamingIdAndAddress() {
        InfoHash chosen = InfoHash.of("pollution_level");
        assertThatThrownBy(() -> OwnId.fitting(chosen, OwnId.Source.CONFIGURED, HOST, BOUND, random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(chosen.toHex())
                .hasMessageContaining("127.0.3.4");
    }

    @Test
    void withoutTheRuleOrOnAnExemptOrWildcardAddressTheIdStays() {
        InfoHash any = InfoHash.random(random);
        assertThat(OwnId.fitting(any, OwnId.Source.RANDOM, HOST, IdBinding.defaults(), random))
                .isEqualTo(any);
        assertThat(OwnId.fitting(any, OwnId.Source.RANDOM, HOST, new IdBinding(true, false), random))
                .isEqualTo(any);
        assertThat(OwnId.fitting(any, OwnId.Source.CONFIGURED, WILDCARD, BOUND, random))
                .isEqualTo(any);
    }
}
