// cancel_booking, the appointment-cancellation rule the scheduler and the template renderer
// share: which live booking an appointment_cancelled event takes back.
#include "core/sequence/lead_facts.hpp"

#include <catch_amalgamated.hpp>

#include <vector>

namespace lead_facts_test {

using namespace nurture;

TEST_CASE("cancel_booking takes back the named appointment, else the latest booking", "[scheduler]") {
  // Named: the booking whose appointment is at 400 goes, wherever it is in the list.
  // Bookings are {appointment time, booking time}, in booking order.
  std::vector<Appointment> a = {{400, 1}, {900, 2}, {700, 3}};
  cancel_booking(a, UnixMillis{400});
  REQUIRE(a.size() == 2);
  CHECK(a[0].at == 900);
  CHECK(a[1].at == 700);
  // Named but never booked: nothing goes.
  cancel_booking(a, UnixMillis{500});
  CHECK(a.size() == 2);
  // Not named: the most recent booking (booked at 3, for 700) goes, not the latest appointment.
  cancel_booking(a, std::nullopt);
  REQUIRE(a.size() == 1);
  CHECK(a[0].at == 900);
  // A slot booked twice and cancelled once is still booked once: the later booking goes.
  std::vector<Appointment> twice = {{400, 1}, {400, 5}};
  cancel_booking(twice, UnixMillis{400});
  REQUIRE(twice.size() == 1);
  CHECK(twice[0].booked == 1);
  // Nothing booked: nothing to take back.
  std::vector<Appointment> none;
  cancel_booking(none, std::nullopt);
  cancel_booking(none, UnixMillis{400});
  CHECK(none.empty());
}

}  // namespace lead_facts_test
