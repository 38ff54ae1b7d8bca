// The reference point for `npm run bench`: a hand-written C++ event-heap loop for an
// M/M/c queue (a binary heap of events, a FIFO queue, no allocation in the loop, and
// none of Headroom's statistics but the mean latency), as shared/bench/README.md
// describes. Timing it on the same machine as Headroom turns the reference figures
// into a side-by-side ratio. Usage: mmc LAMBDA MU_MEAN SERVERS REQUESTS SEED
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <vector>
#include <queue>
#include <functional>

struct Event {
  double t;
  uint64_t seq;
  int kind;  // 0 arrival, 1 departure
  bool operator>(const Event& o) const { return t > o.t || (t == o.t && seq > o.seq); }
};

static uint64_t s[4];
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next() {
  const uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return result;
}
static inline double uniform() { return ((next() >> 11) + 1) * 0x1.0p-53; }

int main(int argc, char** argv) {
  if (argc < 6) { std::fprintf(stderr, "usage: mmc LAMBDA MEAN SERVERS REQUESTS SEED\n"); return 2; }
  const double lambda = std::atof(argv[1]), mean = std::atof(argv[2]);
  const int servers = std::atoi(argv[3]);
  const long requests = std::atol(argv[4]);
  uint64_t z = std::strtoull(argv[5], nullptr, 10);
  for (auto& w : s) { z += 0x9e3779b97f4a7c15ULL; uint64_t x = z; x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL; x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL; w = x ^ (x >> 31); }
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> heap;
  std::vector<double> fifo(1 << 20);
  size_t head = 0, tail = 0;
  uint64_t seq = 0;
  int busy = 0;
  long arrived = 0, done = 0;
  double sum = 0;
  heap.push({-std::log(uniform()) / lambda, seq++, 0});
  while (done < requests) {
    Event e = heap.top(); heap.pop();
    if (e.kind == 0) {
      arrived++;
      if (busy < servers) { busy++; sum -= e.t; heap.push({e.t - mean * std::log(uniform()), seq++, 1}); }
      else { fifo[tail++ & (fifo.size() - 1)] = e.t; }
      if (arrived < requests) heap.push({e.t - std::log(uniform()) / lambda, seq++, 0});
    } else {
      done++;
      sum += e.t;
      if (head != tail) { double a = fifo[head++ & (fifo.size() - 1)]; sum -= a; heap.push({e.t - mean * std::log(uniform()), seq++, 1}); }
      else busy--;
    }
  }
  std::printf("%.6f\n", sum / done);
  return 0;
}
