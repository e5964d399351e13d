// Following neurons (followed_neurons.hpp).
#include "ui/panels/spiking/followed_neurons.hpp"

#include <algorithm>
#include <string>
#include <variant>

namespace phasor::ui {

void followed_list(const Snapshot& snapshot, const SpikingView& view, std::vector<std::int64_t>& out) {
    out.clear();
    const ParamValue* value = snapshot.param(kFollowKey);
    if (const auto* list = value ? std::get_if<std::vector<std::int64_t>>(value) : nullptr) {
        out = *list;
        return;
    }
    for (const FollowedNeuron& f : view.followed) out.push_back(f.neuron);
}

void follow_first(PanelContext& context, const SpikingView& view, std::uint32_t neuron) {
    std::vector<std::int64_t> list;
    followed_list(context.snapshot, view, list);
    std::erase(list, static_cast<std::int64_t>(neuron));
    list.insert(list.begin(), static_cast<std::int64_t>(neuron));
    if (list.size() > kMostFollowed) list.resize(kMostFollowed);
    context.commands.post(SetParam{std::string(kFollowKey), std::move(list)});
}

} // namespace phasor::ui
