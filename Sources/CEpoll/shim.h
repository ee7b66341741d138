#ifndef RUNQL_CEPOLL_SHIM_H
#define RUNQL_CEPOLL_SHIM_H
// Glibc's Swift module leaves these out; the gateway's event loop needs them.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
#endif
