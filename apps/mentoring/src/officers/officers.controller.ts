import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles, UserDirectory } from '@koperasi/platform';
import { OfficersQuery } from './officers.query';

class OfficerResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Full name from the user directory' }) name: string;
  @ApiProperty() username: string;
  @ApiProperty({ type: String, nullable: true }) kecamatan: string | null;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ description: 'Open cases assigned now (workload)' }) openCases: number;
}

class OfficersResponse {
  @ApiProperty({ type: [OfficerResponse] }) items: OfficerResponse[];
}

/** The assignment pickers: who may be given cases now, from the user directory's read model. */
@ApiTags('officers')
@Controller('officers')
export class OfficersController {
  constructor(
    private readonly users: UserDirectory,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('officer', 'supervisor', 'manager')
  @ApiOperation({ summary: 'Active officers (optionally supervisors too), by kecamatan, with their open cases' })
  @ApiOkResponse({ type: OfficersResponse })
  async list(@Query() query: OfficersQuery): Promise<OfficersResponse> {
    const roles = query.includeSupervisors ? ['officer', 'supervisor'] : ['officer'];
    const users = (await this.users.list({ kecamatan: query.kecamatan })).filter((user) =>
      user.roles.some((role) => roles.includes(role)),
    );
    const loads: { assignee_id: string; open: number }[] =
      users.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT assignee_id, count(*)::int AS open FROM cases WHERE assignee_id = ANY($1) AND status <> 'CLOSED' GROUP BY assignee_id`,
            [users.map((user) => user.id)],
          );
    const openCases = new Map(loads.map((row) => [row.assignee_id, row.open]));
    return {
      items: users.map((user) => ({
        id: user.id,
        name: user.fullName,
        username: user.username,
        kecamatan: user.kecamatan,
        roles: user.roles,
        openCases: openCases.get(user.id) ?? 0,
      })),
    };
  }
}
