#include "web/platform/storage_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <memory>
#include <sys/stat.h>

#include "core/storage/backups.hpp"
#include "core/util/checksum.hpp"

namespace nurture::web::storage_files {

namespace {

std::string path_of(const std::string& name) { return std::string(k_dir) + "/" + name; }

Status failure(const std::string& what, const std::string& name) {
  return Status::failure("could not " + what + " " + name + ": " + std::strerror(errno));
}

}  // namespace

std::vector<std::string> list() {
  std::vector<std::string> out;
  const std::unique_ptr<DIR, int (*)(DIR*)> dir(opendir(k_dir), closedir);
  if (!dir) return out;
  while (const dirent* entry = readdir(dir.get())) {
    const std::string name = entry->d_name;
    struct stat st {};
    if (stat(path_of(name).c_str(), &st) == 0 && S_ISREG(st.st_mode)) out.push_back(name);
  }
  return out;
}

std::optional<std::string> read(const std::string& name) {
  const std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path_of(name).c_str(), "rb"), std::fclose);
  if (!f) return std::nullopt;
  std::string bytes;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f.get())) > 0) bytes.append(buffer, n);
  if (std::ferror(f.get()) != 0) return std::nullopt;
  return bytes;
}

Status write(const std::string& name, std::string_view bytes) {
  FILE* f = std::fopen(path_of(name).c_str(), "wb");
  if (f == nullptr) return failure("create", name);
  const bool wrote = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const bool closed = std::fclose(f) == 0;
  if (!wrote || !closed) return failure("write", name);
  return Status::success();
}

Status rename(const std::string& from, const std::string& to) {
  if (std::rename(path_of(from).c_str(), path_of(to).c_str()) != 0) return failure("rename", from);
  return Status::success();
}

Status remove(const std::string& name) {
  if (std::remove(path_of(name).c_str()) != 0) return failure("remove", name);
  return Status::success();
}

Status apply(std::span<const FileOp> ops, std::string_view sealed, const PartBytes& part_bytes,
             const std::function<void(const FileOp&)>& before_each) {
  for (const auto& op : ops) {
    if (before_each) before_each(op);
    Status st;
    switch (op.kind) {
      case FileOp::Kind::write:
        st = write(op.name, sealed);
        break;
      case FileOp::Kind::write_part:
        st = write(op.name, part_bytes(op.name));
        break;
      case FileOp::Kind::write_text:
        st = write(op.name, op.text);
        break;
      case FileOp::Kind::copy: {
        const auto bytes = read(op.name);
        st = bytes ? write(op.to, *bytes) : failure("read", op.name);
        break;
      }
      case FileOp::Kind::rename:
        st = rename(op.name, op.to);
        break;
      case FileOp::Kind::remove:
        st = remove(op.name);
        break;
    }
    if (!st.ok()) return st;
  }
  return Status::success();
}

namespace {

/// The file's bytes when it starts like a parts manifest; nullopt otherwise, read no further
/// than the magic (a whole image of 100,000 leads is tens of megabytes).
std::optional<std::string> read_if_manifest(const std::string& name) {
  const std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path_of(name).c_str(), "rb"), std::fclose);
  if (!f) return std::nullopt;
  std::string head(k_parts_magic.size(), '\0');
  if (std::fread(head.data(), 1, head.size(), f.get()) != head.size() || !is_manifest(head))
    return std::nullopt;
  return read(name);
}

}  // namespace

std::map<std::string, std::vector<std::string>> references(std::span<const std::string> files) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& name : files) {
    if (parse_part_name(name)) continue;
    if (const auto manifest = read_if_manifest(name)) out[name] = referenced_parts(*manifest);
  }
  return out;
}

std::vector<std::string> damaged_parts(std::span<const std::string> files) {
  std::vector<std::string> out;
  for (const auto& name : files) {
    const auto part = parse_part_name(name);
    if (!part) continue;
    const auto bytes = read(name);
    if (!bytes || bytes->size() != part->length || checksum64(*bytes) != part->checksum) out.push_back(name);
  }
  return out;
}

std::string_view latest_slot() { return nurture::latest_slot(read(std::string(k_head_file))); }

std::vector<SnapshotCandidate> candidates(std::span<const std::string> files, std::string_view latest) {
  std::vector<SnapshotCandidate> out;
  const auto add = [&out, latest](const std::string& name) {
    out.push_back({candidate_label(name, latest), read(name)});
  };
  add(std::string(latest));
  add(std::string(other_slot(latest)));
  for (const auto& backup : backups_newest_first(files)) add(backup);
  return out;
}

}  // namespace nurture::web::storage_files
