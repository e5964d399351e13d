// Snapshots: copies clone the family's payload (deep, never shared), and headline metrics and parameters are
// found by name through the family.
#include "engine/telemetry/snapshot.hpp"
#include "support/fake_family.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace phasor {
namespace {

Snapshot filled() {
    Snapshot s;
    s.family = &testing::fake_family();
    s.run = 3;
    s.tick = 42;
    s.headline = {1.5f, 2.5f};
    const ParamSet params = testing::fake_params();
    s.params.assign(params.values().begin(), params.values().end());
    s.message = "hello";
    auto view = std::make_unique<testing::FakeView>();
    view->ticks = 42;
    view->weight = 7.f;
    s.payload = std::move(view);
    return s;
}

TEST(Snapshot, CopiesCloneThePayload) {
    const Snapshot a = filled();
    Snapshot b(a);
    ASSERT_NE(b.payload, nullptr);
    EXPECT_NE(b.payload.get(), a.payload.get());
    EXPECT_EQ(testing::fake_view(b).weight, 7.f);
    b.payload_as<testing::FakeView>()->weight = 9.f;
    EXPECT_EQ(testing::fake_view(a).weight, 7.f); // not shared
    EXPECT_EQ(b.tick, 42u);
    EXPECT_EQ(b.message, "hello");
    EXPECT_EQ(b.params, a.params);

    Snapshot c;
    c = a;
    EXPECT_NE(c.payload.get(), a.payload.get());
    EXPECT_EQ(testing::fake_view(c).ticks, 42u);
    c = c; // self-assignment keeps the payload
    ASSERT_NE(c.payload, nullptr);
    EXPECT_EQ(testing::fake_view(c).ticks, 42u);

    Snapshot empty;
    Snapshot d(empty);
    EXPECT_EQ(d.payload, nullptr);
}

TEST(Snapshot, MetricsAndParametersByName) {
    const Snapshot s = filled();
    EXPECT_EQ(s.metric("weight"), 1.5f);
    EXPECT_EQ(s.metric("rate"), 2.5f);
    EXPECT_TRUE(std::isnan(s.metric("loss")));
    ASSERT_NE(s.param("fake.rate"), nullptr);
    EXPECT_EQ(*s.param("fake.rate"), ParamValue{1.f});
    EXPECT_EQ(*s.param("name"), ParamValue{std::string("fake")});
    EXPECT_EQ(s.param("train.lr"), nullptr);
    EXPECT_EQ(s.payload_as<testing::FakeView>(), s.payload.get());
    struct OtherPayload final : PayloadOf<OtherPayload> {};
    EXPECT_EQ(s.payload_as<OtherPayload>(), nullptr);

    const Snapshot familyless;
    EXPECT_TRUE(std::isnan(familyless.metric("weight")));
    EXPECT_EQ(familyless.param("fake.rate"), nullptr);
}

} // namespace
} // namespace phasor
