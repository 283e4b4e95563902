#pragma once
// The idsim binary as a child process the test can signal: stdout and stderr go to a log file
// the test can read while the child runs.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace testing_process {

struct Exit {
  bool signalled = false;  // killed by a signal it did not handle
  int code = -1;           // exit code, or the signal number when signalled
};

class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& args, std::filesystem::path log) : log_(std::move(log)) {
    std::filesystem::create_directories(log_.parent_path());
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    spawned_ = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0;
    posix_spawn_file_actions_destroy(&actions);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    if (spawned_ && !waited_) ::kill(pid_, SIGKILL), wait();
    std::filesystem::remove(log_);
  }

  bool spawned() const { return spawned_; }
  void signal(int number) const { ::kill(pid_, number); }
  // True while the child has not exited (it is reaped by wait() only).
  bool running() const { return !exited_without_reaping(); }

  Exit wait() {
    if (!spawned_) return {};  // code -1
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    waited_ = true;
    if (WIFSIGNALED(status)) return {true, WTERMSIG(status)};
    return {false, WEXITSTATUS(status)};
  }

  std::string output() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  bool exited_without_reaping() const {
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == pid_;
  }

  std::filesystem::path log_;
  pid_t pid_ = -1;
  bool spawned_ = false;
  bool waited_ = false;
};

}  // namespace testing_process
